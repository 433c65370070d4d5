package vn.loaxa.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every state-changing API call (POST, PUT, PATCH, DELETE under {@code /api/v1/}) in the audit log: who,
 * what, which target, the outcome, the request, and the target's state before (as the last audited change left it)
 * and after (as the API answered). Secrets, tokens and passwords are masked before anything is stored.
 */
public class AuditRecorder {
    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> MASKED = Set.of("secret", "token", "password", "j_password");
    private static final String API = "api/v1/";
    private static final String REQUEST_BODY = AuditRecorder.class.getName() + ".request";
    private static final int MAX_BODY = AuditService.MAX_TEXT;

    private final AuditService audit;
    private final ObjectMapper json;

    public AuditRecorder(AuditService audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @ServerRequestFilter
    public void keepRequest(ContainerRequestContext request) throws IOException {
        if (!audited(request)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            request.setProperty(REQUEST_BODY, "(file upload)");
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        String text = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
        request.setProperty(REQUEST_BODY, mask(text));
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!audited(request)) {
            return;
        }
        try {
            String path = request.getUriInfo().getPath();
            String[] segments = path.substring(path.indexOf(API) + API.length()).split("/");
            String after = afterValue(response.getEntity());
            String requestBody = (String) request.getProperty(REQUEST_BODY);
            String targetId = segments.length > 1 ? segments[1] : idOf(response.getEntity());
            if (targetId == null) {
                targetId = namedIn(requestBody);
            }
            Principal caller = request.getSecurityContext().getUserPrincipal();
            AuditService.Call call = new AuditService.Call(
                    caller == null ? "anonymous" : caller.getName(),
                    request.getMethod(),
                    path,
                    segments[0],
                    targetId,
                    response.getStatus(),
                    requestBody,
                    after);
            if (io.vertx.core.Context.isOnEventLoopThread()) {
                // a refusal mapped before the endpoint ran answers on the I/O thread, which must not block
                Infrastructure.getDefaultWorkerPool().execute(() -> write(call));
            } else {
                write(call);
            }
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "Could not write the audit entry of %s %s",
                    request.getMethod(),
                    request.getUriInfo().getPath());
        }
    }

    private void write(AuditService.Call call) {
        try {
            audit.record(call);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not write the audit entry of %s %s", call.method(), call.path());
        }
    }

    private static boolean audited(ContainerRequestContext request) {
        return CHANGES.contains(request.getMethod())
                && request.getUriInfo().getPath().contains("/" + API);
    }

    private String afterValue(Object entity) {
        if (entity == null
                || entity instanceof InputStream
                || entity instanceof byte[]
                || entity instanceof java.io.File
                || entity instanceof java.nio.file.Path) {
            return null;
        }
        JsonNode tree = json.valueToTree(entity);
        maskTree(tree);
        return tree.toString();
    }

    private String idOf(Object entity) {
        if (entity == null || entity instanceof InputStream) {
            return null;
        }
        JsonNode tree = json.valueToTree(entity);
        JsonNode id = tree.path("id");
        return id.isValueNode() ? id.asText() : null;
    }

    /** The name a create request gives its new target (an id, area code or user name), for refused creates. */
    private String namedIn(String body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(body);
            for (String field : new String[] {"id", "code", "username"}) {
                if (tree != null && tree.path(field).isValueNode()) {
                    return tree.path(field).asText();
                }
            }
        } catch (IOException e) {
            // not JSON: no name to take
        }
        return null;
    }

    private String mask(String body) {
        try {
            JsonNode tree = json.readTree(body);
            maskTree(tree);
            return tree.toString();
        } catch (IOException e) {
            return body; // not JSON (a schedule file, say): stored as sent, cut to size
        }
    }

    private static void maskTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (MASKED.contains(field.getKey()) && field.getValue().isTextual()) {
                    field.setValue(object.textNode("***"));
                } else {
                    maskTree(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditRecorder::maskTree);
        }
    }
}
