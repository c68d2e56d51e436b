package io.budgetwatch.reporting.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server-sent event stream as a browser's EventSource would, on the HTTP client's threads: each message
 * (lines up to a blank one) with its arrival time. {@link #close()} cancels the stream.
 */
final class SseClient implements AutoCloseable {

    /** One message: {@code event}, {@code data}, {@code retry} (null when absent) and its comments. */
    record Message(String event, String data, String retry, List<String> comments, long arrivedNanos) {
    }

    private final List<Message> messages = new ArrayList<>();
    private volatile boolean ended;
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse.ResponseInfo> response = new CompletableFuture<>();

    private SseClient(URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        // the answer's future completes with its body, never for a stream: its head is taken when it arrives
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()
                .sendAsync(request, info -> {
                    response.complete(info);
                    return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
                });
    }

    static SseClient open(URI base, String token) throws Exception {
        return new SseClient(base.resolve(LiveResource.PATH), token);
    }

    /** The status and headers. */
    HttpResponse.ResponseInfo response() throws Exception {
        return response.get(30, TimeUnit.SECONDS);
    }

    List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended;
    }

    /** The {@code change} messages' data. */
    List<String> changes() {
        return messages().stream().filter(m -> "change".equals(m.event())).map(Message::data).toList();
    }

    @Override
    public void close() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    private final class Lines implements Flow.Subscriber<String> {
        private String event;
        private String retry;
        private StringBuilder data;
        private List<String> comments = new ArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                synchronized (messages) {
                    messages.add(new Message(event, data == null ? null : data.toString(), retry, comments,
                            System.nanoTime()));
                }
                event = null;
                retry = null;
                data = null;
                comments = new ArrayList<>();
            } else if (line.startsWith(":")) {
                comments.add(line);
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> event = value;
                    case "retry" -> retry = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }
    }
}
