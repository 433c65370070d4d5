package vn.loaxa.dispatch.mqtt;

/** A publish the MQTT client refused; the one place where Paho's failures become a loaxa exception. */
public class MqttPublishException extends RuntimeException {
    public MqttPublishException(String topic, Throwable cause) {
        super("Cannot publish to '" + topic + "': " + cause.getMessage(), cause);
    }
}
