package com.peakcare.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP against a running PeakCare, as a given demo user (password "demo") or anonymously (user null). */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final String base;

  public Http(int port) {
    this("127.0.0.1", port);
  }

  public Http(String host, int port) {
    this.base = "http://" + host + ":" + port;
  }

  /**
   * A GET sent from another source address (a loopback address of its own, 127.0.0.2): what PeakCare sees as another
   * client machine. Returns the status code.
   */
  public int statusFrom(String sourceAddress, String path, String user, String password) {
    URI uri = URI.create(base + path);
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(sourceAddress, 0));
      socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
          + "Authorization: Basic " + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("request from " + sourceAddress + " failed", e);
    }
  }

  /** Basic credentials of any user and password. */
  public HttpResponse<String> get(String path, String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + token).GET().build());
  }

  public HttpResponse<String> post(String path, String user, String json, String contentType) {
    return send(request(path, user).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> get(String path, String user) {
    return send(request(path, user).GET().build());
  }

  public HttpResponse<String> post(String path, String user, String json) {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> put(String path, String user, String json) {
    return send(request(path, user).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
      b.header("Authorization", "Basic " + token);
    }
    return b;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + request.uri(), e);
    }
  }
}
