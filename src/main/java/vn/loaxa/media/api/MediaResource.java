package vn.loaxa.media.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.common.api.ErrorLanguage;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.TooLargeException;
import vn.loaxa.media.service.AudioStore;
import vn.loaxa.media.service.MediaConfig;
import vn.loaxa.media.service.MediaProcessor;
import vn.loaxa.media.service.MediaService;
import vn.loaxa.media.tts.TtsService;

@Path("/api/v1/media")
@RolesAllowed(Roles.USER)
public class MediaResource {
    static final String AUDIO_TYPE = "audio/ogg";
    static final String MP3_TYPE = "audio/mpeg";
    private static final String LANGUAGE = "[a-z]{3}";

    private final MediaService service;
    private final MediaProcessor processor;
    private final TtsService tts;
    private final AudioStore store;
    private final MediaConfig config;
    private final AccessGuard guard;

    public MediaResource(
            MediaService service,
            MediaProcessor processor,
            TtsService tts,
            AudioStore store,
            MediaConfig config,
            AccessGuard guard) {
        this.guard = guard;
        this.service = service;
        this.processor = processor;
        this.tts = tts;
        this.store = store;
        this.config = config;
    }

    /** Accepts an upload at once (202, PROCESSING); poll the item for its progress until READY or FAILED. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.AUTHOR, Roles.TRANSLATE})
    public Response upload(
            @RestForm("file") FileUpload file,
            @RestForm String title,
            @RestForm String language,
            @RestForm String transcript,
            SecurityContext security) {
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidRequestException("file", ErrorMessage.of("upload.no-file"));
        }
        if (file.size() == 0) {
            throw new InvalidRequestException("file", ErrorMessage.of("upload.empty"));
        }
        if (file.size() > config.maxUploadSize().asLongValue()) {
            throw new TooLargeException(ErrorMessage.of(
                    "upload.too-large",
                    file.size() / (1024 * 1024),
                    config.maxUploadSize().asLongValue() / (1024 * 1024)));
        }
        if (!isPlainFileName(file.fileName())) {
            throw new InvalidRequestException("file", ErrorMessage.of("upload.file-name"));
        }
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new InvalidRequestException("title", ErrorMessage.of("upload.title"));
        }
        if (language == null || !language.matches(LANGUAGE)) {
            throw new InvalidRequestException("language", ErrorMessage.of("upload.language"));
        }
        guard.uploadIn(language);
        if (transcript != null && transcript.length() > 20_000) {
            throw new InvalidRequestException("transcript", ErrorMessage.of("upload.transcript"));
        }
        MediaView accepted = service.accept(
                file.uploadedFile(),
                file.fileName(),
                title,
                language,
                transcript,
                security.getUserPrincipal().getName());
        return queued(accepted);
    }

    /** Speaks the text with the configured engine, then processes it like an upload (202, PROCESSING). */
    @POST
    @Path("tts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUTHOR)
    public Response speak(@Valid @NotNull TtsRequest request, SecurityContext security) {
        java.nio.file.Path wav = tts.speak(request.text(), request.language(), request.voice());
        String title = request.title() == null || request.title().isBlank()
                ? abbreviate(request.text().strip(), 80)
                : request.title();
        try {
            MediaView accepted = service.accept(
                    wav,
                    "tts-" + request.language() + ".wav",
                    title,
                    request.language(),
                    request.text(),
                    security.getUserPrincipal().getName());
            return queued(accepted);
        } finally {
            store.deleteQuietly(wav);
        }
    }

    private Response queued(MediaView accepted) {
        processor.submit(accepted.id());
        return Response.accepted(accepted)
                .location(URI.create("/api/v1/media/" + accepted.id()))
                .build();
    }

    static boolean isPlainFileName(String name) {
        return name == null
                || !(name.contains("/")
                        || name.contains("\\")
                        || name.contains("..")
                        || name.chars().anyMatch(Character::isISOControl)
                        || name.length() > 255);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @GET
    @Path("{id}")
    public MediaView get(@PathParam("id") UUID id, HttpHeaders headers) {
        readable(id);
        return service.get(id, ErrorLanguage.of(headers));
    }

    /**
     * Deletes an item nothing uses, with its stored files (204): a failed upload, or one no bulletin has taken. An
     * item that a bulletin uses is refused with 409, naming the bulletins in {@code conflicts}.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.AUTHOR)
    public Response delete(@PathParam("id") UUID id) {
        guard.change("Media '" + id + "'", service.ownerArea(id));
        service.delete(id);
        return Response.noContent().build();
    }

    /** The distribution file, for the UI and for receivers; supports Range and If-None-Match. */
    @GET
    @Path("{id}/audio")
    @RolesAllowed({Roles.USER, Roles.RECEIVER})
    public Response audio(
            @PathParam("id") UUID id,
            @HeaderParam("Range") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        guard.audio(id, service.ownerArea(id));
        return serve(service.audio(id, AudioStore.OPUS), AUDIO_TYPE, range, ifNoneMatch);
    }

    /** The MP3 fallback, for receivers and browsers without Opus. */
    @GET
    @Path("{id}/audio.mp3")
    @RolesAllowed({Roles.USER, Roles.RECEIVER})
    public Response mp3(
            @PathParam("id") UUID id,
            @HeaderParam("Range") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        guard.audio(id, service.ownerArea(id));
        return serve(service.audio(id, AudioStore.MP3), MP3_TYPE, range, ifNoneMatch);
    }

    private void readable(UUID id) {
        guard.media(id, service.ownerArea(id));
    }

    private static Response serve(MediaService.StoredAudio audio, String type, String range, String ifNoneMatch) {
        String etag = "\"" + audio.sha256() + "\"";
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        Optional<ByteRange> byteRange;
        try {
            byteRange = ByteRange.parse(range, audio.sizeBytes());
        } catch (ByteRange.UnsatisfiableRangeException e) {
            return Response.status(416)
                    .header("Content-Range", "bytes */" + audio.sizeBytes())
                    .build();
        }
        Response.ResponseBuilder response = byteRange
                .map(r -> Response.status(206)
                        .entity(new PathPart(audio.path(), r.first(), r.length()))
                        .header("Content-Range", r.contentRange(audio.sizeBytes())))
                .orElseGet(() -> Response.ok(audio.path().toFile()));
        return response.type(type)
                .header(HttpHeaders.ETAG, etag)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .build();
    }
}
