package vn.loaxa.translation.service;

import java.util.Set;
import vn.loaxa.access.Scope;

/**
 * Who asks: the account, its area subtree, whether it is a translator only (it then sees just its tasks), and the
 * languages its account names (a translator's, or those an editor reviews; none: an editor reviews every language).
 */
public record Caller(String username, Scope scope, boolean translatorOnly, Set<String> languages) {}
