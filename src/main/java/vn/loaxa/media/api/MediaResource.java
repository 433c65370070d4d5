package vn.loaxa.media.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.PathPart;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import vn.loaxa.account.Roles;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.media.service.MediaService;

@Path("/api/v1/media")
@RolesAllowed(Roles.USER)
public class MediaResource {
    static final String AUDIO_TYPE = "audio/ogg";
    private static final String LANGUAGE = "[a-z]{3}";

    private final MediaService service;

    public MediaResource(MediaService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm String title, @RestForm String language,
            SecurityContext security) {
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidRequestException("file", "Attach the recording as the multipart field 'file'");
        }
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new InvalidRequestException("title", "Give a title of 1 to 300 characters");
        }
        if (language == null || !language.matches(LANGUAGE)) {
            throw new InvalidRequestException("language", "Give the spoken language as an ISO 639-3 code such as vie or tyz");
        }
        MediaView created = service.ingest(file.uploadedFile(), file.fileName(), title, language,
                security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/media/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    public MediaView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    /** The distribution file, for the UI and for receivers; supports Range and If-None-Match. */
    @GET
    @Path("{id}/audio")
    @RolesAllowed({Roles.USER, Roles.RECEIVER})
    public Response audio(@PathParam("id") UUID id, @HeaderParam("Range") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        MediaService.StoredAudio audio = service.audio(id);
        String etag = "\"" + audio.sha256() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        Optional<ByteRange> byteRange;
        try {
            byteRange = ByteRange.parse(range, audio.sizeBytes());
        } catch (ByteRange.UnsatisfiableRangeException e) {
            return Response.status(416).header("Content-Range", "bytes */" + audio.sizeBytes()).build();
        }
        Response.ResponseBuilder response = byteRange
                .map(r -> Response.status(206)
                        .entity(new PathPart(audio.path(), r.first(), r.length()))
                        .header("Content-Range", r.contentRange(audio.sizeBytes())))
                .orElseGet(() -> Response.ok(audio.path().toFile()));
        return response.type(AUDIO_TYPE)
                .header(HttpHeaders.ETAG, etag)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .build();
    }
}
