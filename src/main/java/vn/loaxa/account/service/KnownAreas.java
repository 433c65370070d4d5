package vn.loaxa.account.service;

/** The area tree as accounts see it, kept by the area feature: a person's account may name an area. */
public interface KnownAreas {

    boolean exists(String areaCode);
}
