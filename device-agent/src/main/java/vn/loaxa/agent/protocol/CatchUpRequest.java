package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Asks the server for the manifests the receiver lacks after connecting (docs/protocol.md, "Catch-up"), naming the
 * versions it holds; the server publishes again whatever is newer.
 *
 * @param schema          always {@link Schemas#CATCHUP}
 * @param receiverId      the receiver asking
 * @param at              the agent's clock when it asked
 * @param manifestVersion the version of its own manifest held; absent if none
 * @param areas           the area chain it knows, root first; absent if none
 * @param areaVersions    the version held of each area's manifest, by area code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatchUpRequest(
        String schema,
        String receiverId,
        Instant at,
        Long manifestVersion,
        List<String> areas,
        Map<String, Long> areaVersions) {}
