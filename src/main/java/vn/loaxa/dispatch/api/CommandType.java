package vn.loaxa.dispatch.api;

/** What a remote command asks a receiver to do (docs/protocol.md, "Commands"). */
public enum CommandType {
    SET_VOLUME,
    MUTE,
    UNMUTE,
    TEST_TONE,
    RESYNC,
    REPORT_NOW,
    STOP_CURRENT
}
