package dev.derrick.preflight.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.preflight.rest.RetryAfter;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads every AWS answer before the SDK does. The SDK's unmarshallers are lenient: an empty, HTML
 * or junk 200 becomes a response object full of nulls and empty lists, which a check would read
 * as "account null" or "offered in no zone". Here a 2xx body must parse as the service's protocol
 * documents (one XML element for the query/REST-XML services STS, EC2, S3; one JSON object for
 * the JSON services ECR, Service Quotas, EKS); otherwise {@link UnreadableResponse}. A 429 or
 * 503 whose Retry-After is beyond the time bound is {@link ThrottledResponse} at once.
 */
final class ResponseGuard implements ExecutionInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above any answer the checks read (a page of offerings is a few hundred KB). */
    private static final int MAX_BODY = 32 << 20;
    private final boolean xml;
    private final Duration timeout;

    ResponseGuard(boolean xml, Duration timeout) {
        this.xml = xml;
        this.timeout = timeout;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        SdkHttpResponse response = context.httpResponse();
        int status = response.statusCode();
        if (status == 429 || status == 503) {
            Duration wait = RetryAfter.parse(response.firstMatchingHeader("Retry-After").orElse(null), Instant.now());
            if (wait != null && wait.compareTo(timeout) > 0) {
                throw new ThrottledResponse(status, wait);
            }
        }
        if (!response.isSuccessful() || context.httpRequest().method() == SdkHttpMethod.HEAD) {
            return context.responseBody();
        }
        byte[] body;
        try (InputStream in = context.responseBody().orElse(InputStream.nullInputStream())) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY || !(xml ? xmlDocument(body) : jsonObject(body))) {
            throw new UnreadableResponse("HTTP " + status + " with a body that is not the API's " + (xml ? "XML" : "JSON"));
        }
        return Optional.of(new ByteArrayInputStream(body));
    }

    static boolean jsonObject(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** Well-formed XML with no DTD (an HTML page declares one, or is not well-formed). */
    static boolean xmlDocument(byte[] body) {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            var root = new String[1];
            f.newSAXParser().parse(new InputSource(new ByteArrayInputStream(body)), new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes a) {
                    if (root[0] == null) {
                        root[0] = localName.isEmpty() ? qName : localName;
                    }
                }
            });
            return root[0] != null && !root[0].equalsIgnoreCase("html");
        } catch (Exception e) {
            return false;
        }
    }
}
