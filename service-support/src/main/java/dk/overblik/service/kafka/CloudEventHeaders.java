package dk.overblik.service.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reads the CloudEvents attributes a consumed record carries in binary mode ({@code ce_*} headers). */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";

    private CloudEventHeaders() {
    }

    /** The CloudEvents type, or null. */
    public static String type(ConsumerRecord<?, ?> record) {
        return text(record, TYPE);
    }

    /** The last header of that name as UTF-8 text, or null. */
    public static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
