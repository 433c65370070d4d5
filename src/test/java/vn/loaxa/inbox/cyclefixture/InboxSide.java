package vn.loaxa.inbox.cyclefixture;

import vn.loaxa.area.cyclefixture.AreaSide;

/** Test only: an inbox class that uses the area, closing a cycle with {@link AreaSide} (see FeatureLayersTest). */
public class InboxSide {
    AreaSide area;
}
