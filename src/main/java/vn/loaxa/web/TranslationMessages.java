package vn.loaxa.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the translation pages ("Việc dịch", a task, "Yêu cầu dịch"). Vietnamese in
 * {@code messages/tr_vi.properties}, English in {@code messages/tr_en.properties}; templates use {@code {tr:key}}.
 */
@MessageBundle(value = "tr", locale = "vi")
public interface TranslationMessages {
    @Message
    String nav_translations();

    @Message
    String queue_title();

    @Message
    String queue_intro();

    @Message
    String queue_empty();

    @Message
    String col_due();

    @Message
    String col_state();

    @Message
    String col_bulletin();

    @Message
    String col_language();

    @Message
    String col_assignee();

    @Message
    String col_open();

    @Message
    String nobody();

    @Message
    String state(String state);

    @Message
    String task_title(String title, String language);

    @Message
    String source_heading();

    @Message
    String source_none();

    @Message
    String source_no_transcript();

    @Message
    String glossary_heading();

    @Message
    String glossary_note();

    @Message
    String returned_heading();

    @Message
    String returned_reason();

    @Message
    String reading_heading();

    @Message
    String reading_intro();

    @Message
    String reading_title();

    @Message
    String upload();

    @Message
    String transcript();

    @Message
    String transcript_hint();

    @Message
    String submit_reading();

    @Message
    String claim();

    @Message
    String review_heading();

    @Message
    String review_transcript();

    @Message
    String accept();

    @Message
    String send_back();

    @Message
    String return_reason();

    @Message
    String waiting();

    @Message
    String accepted();

    @Message
    String request_title(String title);

    @Message
    String request_link();

    @Message
    String request_intro();

    @Message
    String suggest_area();

    @Message
    String suggest();

    @Message
    String languages_legend();

    @Message
    String suggested();

    @Message
    String assignee_for(String language);

    @Message
    String assignee_any();

    @Message
    String due();

    @Message
    String request_submit();

    @Message
    String tasks_heading();

    @Message
    String tasks_none();

    @Message
    String back_library();

    @Message
    String no_languages();

    @Message
    String account_languages();

    @Message
    String account_languages_hint();
}
