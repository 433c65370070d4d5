package vn.loaxa.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the live page ("Phát trực tiếp"). Vietnamese in {@code messages/live_vi.properties}, English in
 * {@code messages/live_en.properties}; templates use {@code {live:key}}.
 */
@MessageBundle(value = "live", locale = "vi")
public interface LiveMessages {
    @Message
    String nav_live();

    @Message
    String title();

    @Message
    String intro();

    @Message
    String field_title();

    @Message
    String class_legend();

    @Message
    String class_priority();

    @Message
    String class_emergency();

    @Message
    String test_mode();

    @Message
    String start();

    @Message
    String end();

    @Message
    String level();

    @Message
    String time();

    @Message
    String starting();

    @Message
    String connecting();

    @Message
    String on_air();

    @Message
    String awaiting_confirmation();

    @Message
    String ended();

    @Message
    String denied();

    @Message
    String unsupported();

    @Message
    String listeners(int playing, int total);

    @Message
    String details();

    @Message
    String confirm(String title);
}
