package vn.loaxa.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the administration pages (accounts, receivers, groups, areas and their languages), kept apart from
 * {@link UiMessages} so that neither bundle grows too large. Vietnamese in {@code messages/adm_vi.properties},
 * English in {@code messages/adm_en.properties}; templates use {@code {adm:key}}.
 */
@MessageBundle(value = "adm", locale = "vi")
public interface AdminMessages {
    @Message
    String nav_accounts();

    @Message
    String nav_receivers();

    @Message
    String nav_groups();

    @Message
    String nav_areas();

    /** A role by its Vietnamese (or English) name. */
    @Message
    String role(String role);

    /** What a role may do, in a few words. */
    @Message
    String role_hint(String role);

    /** An area kind by its name. */
    @Message
    String kind(vn.loaxa.area.model.AreaKind kind);

    @Message
    String whole_country();

    @Message
    String filter();

    @Message
    String filter_hint();

    @Message
    String col_name();

    @Message
    String col_area();

    @Message
    String col_state();

    @Message
    String col_created();

    @Message
    String col_members();

    @Message
    String col_last_seen();

    @Message
    String choose();

    @Message
    String chosen(String name);

    @Message
    String saved_reload();

    // accounts
    @Message
    String accounts_title();

    @Message
    String accounts_intro();

    @Message
    String account_new();

    @Message
    String account_username();

    @Message
    String account_username_hint();

    @Message
    String account_password();

    @Message
    String account_password_hint();

    @Message
    String account_role();

    @Message
    String account_area();

    @Message
    String account_area_hint();

    @Message
    String account_create();

    @Message
    String account_locked();

    @Message
    String account_active();

    @Message
    String account_you();

    @Message
    String account_change();

    @Message
    String account_save();

    @Message
    String account_reset();

    @Message
    String account_new_password();

    @Message
    String account_reset_button();

    @Message
    String account_lock();

    @Message
    String account_lock_hint();

    @Message
    String account_lock_confirm(String name);

    @Message
    String account_unlock();

    // receivers
    @Message
    String receivers_title();

    @Message
    String receivers_intro();

    @Message
    String receiver_new();

    @Message
    String receiver_name();

    @Message
    String receiver_area();

    @Message
    String receiver_provision();

    @Message
    String receiver_online();

    @Message
    String receiver_offline();

    @Message
    String receiver_none();

    @Message
    String receiver_move();

    @Message
    String receiver_move_to();

    @Message
    String receiver_move_button();

    @Message
    String receiver_rotate();

    @Message
    String receiver_rotate_hint();

    @Message
    String receiver_rotate_confirm(String name);

    @Message
    String receiver_revoke();

    @Message
    String receiver_revoke_hint();

    @Message
    String receiver_revoke_confirm(String name);

    @Message
    String receiver_details();

    @Message
    String secret_title();

    @Message
    String secret_once();

    @Message
    String secret_for();

    @Message
    String secret_login();

    @Message
    String secret_value();

    // groups
    @Message
    String groups_title();

    @Message
    String groups_intro();

    @Message
    String group_new();

    @Message
    String group_name();

    @Message
    String group_members();

    @Message
    String group_create();

    @Message
    String group_change();

    @Message
    String group_save();

    @Message
    String group_delete();

    @Message
    String group_delete_confirm(String name);

    @Message
    String group_none();

    @Message
    String group_no_receivers();

    // areas and languages
    @Message
    String areas_title();

    @Message
    String areas_intro();

    @Message
    String area_new();

    @Message
    String area_name();

    @Message
    String area_kind();

    @Message
    String area_parent();

    @Message
    String area_top();

    @Message
    String area_create();

    @Message
    String area_rename();

    @Message
    String area_new_name();

    @Message
    String area_rename_button();

    @Message
    String area_outline();

    @Message
    String area_outline_file();

    @Message
    String area_outline_hint();

    @Message
    String area_outline_button();

    @Message
    String area_languages();

    @Message
    String area_languages_hint();

    @Message
    String area_language_n(int n);

    @Message
    String area_language_none();

    @Message
    String area_languages_button();

    @Message
    String area_languages_inherited();

    @Message
    String area_none();

    @Message
    String area_required();

    @Message
    String area_required_hint();

    @Message
    String area_required_inherited(String languages);

    @Message
    String area_required_button();
}
