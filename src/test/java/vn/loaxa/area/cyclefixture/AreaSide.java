package vn.loaxa.area.cyclefixture;

import vn.loaxa.inbox.cyclefixture.InboxSide;

/** Test only: an area class that uses the inbox, closing a cycle with {@link InboxSide} (see FeatureLayersTest). */
public class AreaSide {
    InboxSide inbox;
}
