package org.radbridge.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open-loop load of `bench fhir --rates` against a real HTTP server on loopback. */
class OfferedLoadTest {
    private HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private String serve(int threads, long serviceMillis) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger seen = new AtomicInteger();
        server.createContext("/q", ex -> {
            seen.incrementAndGet();
            try {
                Thread.sleep(serviceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes();
            ex.sendResponseHeaders(ex.getRequestURI().getQuery() != null && ex.getRequestURI().getQuery().contains("fail") ? 500 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/q";
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void sendsTheOfferedNumberOfRequestsAndMeasuresFromTheirDueTime() throws Exception {
        String url = serve(4, 5);
        OfferedLoad.Result r = OfferedLoad.run(http, i -> HttpRequest.newBuilder(URI.create(url + "?i=" + i)).build(), 40, 2, 16, 7);
        assertThat(r.n()).isEqualTo(80);
        assertThat(r.errors()).isZero();
        // a fast server keeps up: answers come at about the offered rate, each a little over its service time
        assertThat(r.achievedPerSecond()).isBetween(20.0, 80.0);
        assertThat(r.p50()).isGreaterThanOrEqualTo(5.0).isLessThan(200.0);
    }

    @Test
    void aServerSlowerThanTheArrivalsShowsItsQueueInTheLatency() throws Exception {
        // one server thread at 50 ms per request serves at most 20/s; 40/s offered for 1.5 s piles up a queue that a
        // closed-loop client would never see (it waits for each answer before sending the next)
        String url = serve(1, 50);
        OfferedLoad.Result r = OfferedLoad.run(http, i -> HttpRequest.newBuilder(URI.create(url)).build(), 40, 1.5, 64, 7);
        assertThat(r.n()).isEqualTo(60);
        assertThat(r.achievedPerSecond()).isLessThan(25.0);
        assertThat(r.p99()).isGreaterThan(1000.0);
        assertThat(r.p99()).isGreaterThan(r.p50());
    }

    @Test
    void refusedAnswersAreCountedAsErrorsNotLatencies() throws Exception {
        String url = serve(2, 1);
        OfferedLoad.Result r = OfferedLoad.run(http, i -> HttpRequest.newBuilder(URI.create(url + (i % 2 == 0 ? "?fail" : "?ok"))).build(), 50, 1, 8, 11);
        assertThat(r.n() + r.errors()).isEqualTo(50);
        assertThat(r.errors()).isPositive();
        assertThat(r.n()).isPositive();
    }

    @Test
    void ratesAreSharesOrPlainRequestsPerSecond() {
        var levels = OfferedLoad.parse("50%, 40,12.5");
        assertThat(levels).hasSize(3);
        assertThat(levels.get(0).perSecond(80)).isEqualTo(40.0);
        assertThat(levels.get(1).perSecond(80)).isEqualTo(40.0);
        assertThat(levels.get(2).perSecond(1000)).isEqualTo(12.5);
        assertThat(levels.get(0).describe()).isEqualTo("50% of closed-loop throughput");
        assertThat(OfferedLoad.parse("none")).isEmpty();
        assertThatThrownBy(() -> OfferedLoad.parse("50%,fast")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> OfferedLoad.parse("0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0'");
        assertThatThrownBy(() -> OfferedLoad.parse("-5%")).isInstanceOf(IllegalArgumentException.class);
    }
}
