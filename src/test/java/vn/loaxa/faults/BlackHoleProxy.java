package vn.loaxa.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 between some agents and the broker that can black-hole the traffic, as a network
 * partition does: while partitioned it forwards nothing in either direction and closes nothing, so both ends learn
 * of it only through their own timeouts. Healed, it delivers what a live connection sent meanwhile (as TCP
 * retransmission would); what an end sent before it gave the connection up is dropped with the connection.
 */
final class BlackHoleProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Pump> pumps = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean partitioned;
    private volatile boolean closed;

    BlackHoleProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    void partition() {
        partitioned = true;
    }

    void heal() {
        synchronized (gate) {
            partitioned = false;
            gate.notifyAll();
        }
        pumps.forEach(Pump::release);
    }

    /** The other end learns that a connection was closed only once the network is back. */
    private void awaitHealed() {
        synchronized (gate) {
            while (partitioned && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                start(new Pump(client, upstream));
                start(new Pump(upstream, client));
            } catch (IOException e) {
                if (!closed) {
                    System.out.println("fault proxy: " + e);
                }
            }
        }
    }

    private void start(Pump pump) {
        pumps.add(pump);
        Thread thread = new Thread(pump, "fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** One direction of one connection. */
    private final class Pump implements Runnable {
        private final Socket from;
        private final Socket to;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();

        Pump(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    forward(buffer, read);
                }
            } catch (IOException e) {
                // this end is gone
            }
            // the end that closed takes what it sent during the partition with it
            pumps.remove(this);
            closeQuietly(from);
            awaitHealed();
            closeQuietly(to);
        }

        private synchronized void forward(byte[] buffer, int length) throws IOException {
            held.write(buffer, 0, length);
            if (!partitioned) {
                release();
            }
        }

        /** Delivers what was held, if the other end is still there. */
        synchronized void release() {
            if (held.size() == 0) {
                return;
            }
            try {
                OutputStream out = to.getOutputStream();
                held.writeTo(out);
                out.flush();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
            held.reset();
        }
    }

    @Override
    public void close() {
        closed = true;
        heal();
        closeQuietly(listener);
        for (Pump pump : pumps) {
            closeQuietly(pump.from);
            closeQuietly(pump.to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
