package com.peakcare.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real HTTP to PeakCare on 127.0.0.1 as a demo user (password demo); HTTP/1.1 keep-alive, no cookies. */
final class Client {

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String base;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  Client(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path, String user) {
    return send(request(path, user).GET().build());
  }

  HttpResponse<String> post(String path, String user, String json) {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  /** A GET whose answer is counted, not kept: its status and its size in bytes. */
  long[] getCounted(String path, String user) {
    try {
      HttpResponse<java.io.InputStream> res = http.send(request(path, user).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      long bytes = 0;
      try (java.io.InputStream in = res.body()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          bytes += n;
        }
      }
      return new long[] {res.statusCode(), bytes};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  HttpResponse<String> put(String path, String user, String json) {
    return send(request(path, user).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  /** The body when the status is the expected one, else an exception naming both. */
  static String expect(HttpResponse<String> response, int... statuses) {
    for (int s : statuses) {
      if (response.statusCode() == s) {
        return response.body();
      }
    }
    String body = response.body() == null ? "" : response.body();
    throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath() + " -> "
        + response.statusCode() + " " + body.substring(0, Math.min(300, body.length())));
  }

  private HttpRequest.Builder request(String path, String user) {
    String token = tokens.computeIfAbsent(user, u ->
        "Basic " + Base64.getEncoder().encodeToString((u + ":demo").getBytes(StandardCharsets.UTF_8)));
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", token);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + request.uri() + ": " + e, e);
    }
  }
}
