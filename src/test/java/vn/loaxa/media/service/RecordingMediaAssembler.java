package vn.loaxa.media.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;

/** The real assembler, noting for each render (FFmpeg run) the JTA status of the calling thread. */
@Alternative
@Priority(1)
@Singleton
public class RecordingMediaAssembler extends MediaAssembler {
    /** One render: its title and {@link jakarta.transaction.Status} code. */
    public record Rendered(String title, int transactionStatus) {}

    private final TransactionManager transactions;
    private final List<Rendered> renders = new CopyOnWriteArrayList<>();

    public RecordingMediaAssembler(
            MediaRepository media,
            AudioStore store,
            AudioTranscoder transcoder,
            MediaConfig config,
            TransactionManager transactions) {
        super(media, store, transcoder, config);
        this.transactions = transactions;
    }

    public List<Rendered> renders() {
        return renders;
    }

    @Override
    public Media render(List<Path> parts, Duration gap, String title, String language, String user) {
        try {
            renders.add(new Rendered(title, transactions.getStatus()));
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        return super.render(parts, gap, title, language, user);
    }
}
