package vn.loaxa.media.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encoders fed from one filtered signal; closing closes them all. The first encodes on the calling thread; every
 * further one gets copies of the frames on a thread of its own, so that on a multi-core machine the MP3 fallback
 * costs no extra wall time (as in the ffmpeg command line, whose encoders run in parallel too).
 */
final class ParallelRecorders implements AutoCloseable {
    private static final int BACKLOG_FRAMES = 64;
    private final List<FFmpegFrameRecorder> all = new ArrayList<>();
    private final List<SideEncoder> sides = new ArrayList<>();

    void add(FFmpegFrameRecorder recorder) {
        all.add(recorder);
    }

    void start() throws FrameRecorder.Exception {
        for (FFmpegFrameRecorder recorder : all) {
            recorder.start();
        }
        for (FFmpegFrameRecorder recorder : all.subList(1, all.size())) {
            sides.add(new SideEncoder(recorder));
        }
    }

    void record(Frame frame) throws FrameRecorder.Exception {
        for (SideEncoder side : sides) {
            side.record(frame);
        }
        all.get(0).record(frame);
    }

    void stop() throws FrameRecorder.Exception {
        all.get(0).stop();
        for (SideEncoder side : sides) {
            side.finish();
        }
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        sides.forEach(SideEncoder::abandon);
        FrameRecorder.Exception first = null;
        for (FFmpegFrameRecorder recorder : all) {
            try {
                recorder.close();
            } catch (FrameRecorder.Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One encoder on its own thread, fed copies of the frames through a bounded backlog. */
    private static final class SideEncoder {
        private final FFmpegFrameRecorder recorder;
        private final ExecutorService thread;
        private final Semaphore backlog = new Semaphore(BACKLOG_FRAMES);
        private volatile Exception failure;

        SideEncoder(FFmpegFrameRecorder recorder) {
            this.recorder = recorder;
            this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "loaxa-encode-" + recorder.getFormat()));
        }

        void record(Frame frame) throws FrameRecorder.Exception {
            rethrow();
            backlog.acquireUninterruptibly();
            Frame copy = frame.clone();
            thread.execute(() -> {
                try (copy) {
                    if (failure == null) {
                        recorder.record(copy);
                    }
                } catch (Exception e) {
                    failure = e;
                } finally {
                    backlog.release();
                }
            });
        }

        void finish() throws FrameRecorder.Exception {
            try {
                thread.submit(() -> {
                            recorder.stop();
                            return null;
                        })
                        .get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FrameRecorder.Exception("interrupted while finishing " + recorder.getFormat(), e);
            } catch (ExecutionException e) {
                failure = failure == null ? (Exception) e.getCause() : failure;
            } finally {
                thread.shutdown();
            }
            rethrow();
        }

        void abandon() {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void rethrow() throws FrameRecorder.Exception {
            Exception e = failure;
            if (e instanceof FrameRecorder.Exception recorderFailure) {
                throw recorderFailure;
            }
            if (e != null) {
                throw new FrameRecorder.Exception(recorder.getFormat() + " encoder failed: " + e.getMessage(), e);
            }
        }
    }
}
