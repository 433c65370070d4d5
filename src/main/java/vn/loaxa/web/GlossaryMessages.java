package vn.loaxa.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the glossary page ("Thuật ngữ"). Vietnamese in {@code messages/glossary_vi.properties}, English in
 * {@code messages/glossary_en.properties}; templates use {@code {glossary:key}}.
 */
@MessageBundle(value = "glossary", locale = "vi")
public interface GlossaryMessages {
    @Message
    String nav();

    @Message
    String title();

    @Message
    String intro();

    @Message
    String search_label();

    @Message
    String language_label();

    @Message
    String language_any();

    @Message
    String domain_label();

    @Message
    String domain_any();

    @Message
    String search();

    @Message
    String found(int count);

    @Message
    String col_vie();

    @Message
    String col_terms();

    @Message
    String col_domain();

    @Message
    String col_note();

    @Message
    String edit();

    @Message
    String none();

    @Message
    String new_term();

    @Message
    String field_vie();

    @Message
    String field_note();

    @Message
    String terms_legend();

    @Message
    String create();

    @Message
    String save();

    @Message
    String chosen(String vie);

    @Message
    String delete();

    @Message
    String delete_confirm(String vie);

    @Message
    String files();

    @Message
    String files_intro();

    @Message
    String codes();

    @Message
    String export();

    @Message
    String import_file();

    @Message
    String import_button();
}
