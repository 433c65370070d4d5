package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerUrlsTest {

    @Test
    void shouldKeepASingleUrl() {
        assertThat(BrokerUrls.parse("tcp://broker:1883")).containsExactly("tcp://broker:1883");
    }

    @Test
    void shouldSplitAListInOrderAndDropBlanks() {
        assertThat(BrokerUrls.parse(" tcp://node-1:1883 ,, ssl://node-2:8883 ,"))
                .containsExactly("tcp://node-1:1883", "ssl://node-2:8883");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , "})
    void shouldRejectAListWithoutBroker(String urls) {
        assertThatThrownBy(() -> BrokerUrls.parse(urls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no broker");
    }
}
