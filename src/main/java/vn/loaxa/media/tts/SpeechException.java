package vn.loaxa.media.tts;

/** The text-to-speech engine failed to produce audio. */
public class SpeechException extends RuntimeException {
    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}
