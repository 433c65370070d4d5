package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the libraries log through SLF4J (the HiveMQ MQTT client, Netty) reaches the agent's java.util.logging. */
class LibraryLoggingTest {

    @Test
    void shouldPassSlf4jLogsOfLibrariesToJavaUtilLogging() {
        String name = "com.hivemq.client.LibraryLoggingTest";
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger jul = Logger.getLogger(name);
        jul.addHandler(capture);
        try {
            LoggerFactory.getLogger(name).warn("broker {} refused the connection", "tcp://b:1883");
        } finally {
            jul.removeHandler(capture);
        }

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getMessage()).isEqualTo("broker tcp://b:1883 refused the connection");
        });
    }
}
