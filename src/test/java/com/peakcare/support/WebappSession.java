package com.peakcare.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser's session with the webapps, without a browser: Camunda's login (session cookie and XSRF token), then the
 * webapps' own engine API ({@code /camunda/api/engine/engine/default/…}) as Tasklist calls it.
 */
public final class WebappSession {

  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private String session;
  private String xsrf;
  private final int loginStatus;

  private WebappSession(int port, String user, String password) {
    this.base = "http://127.0.0.1:" + port;
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET()
        .build());
    remember(page);
    HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", xsrf).header("Cookie", cookies())
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build());
    remember(login);
    this.loginStatus = login.statusCode();
    if (loginStatus == 200) {
      get("/camunda/api/engine/engine/default/user/" + user + "/profile"); // as Tasklist does first
    }
  }

  /** Logs in as a demo user (password demo). */
  public static WebappSession login(int port, String user) {
    return login(port, user, "demo");
  }

  public static WebappSession login(int port, String user, String password) {
    return new WebappSession(port, user, password);
  }

  public int loginStatus() {
    return loginStatus;
  }

  public HttpResponse<String> post(String path, String json) {
    HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf).header("Cookie", cookies())
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    remember(res);
    return res;
  }

  public HttpResponse<String> put(String path, String json) {
    HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf).header("Cookie", cookies())
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    remember(res);
    return res;
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookies())
        .GET().build());
    remember(res);
    return res;
  }

  private String cookies() {
    return "SESSION=" + session + "; XSRF-TOKEN=" + xsrf;
  }

  private void remember(HttpResponse<String> res) {
    for (String c : res.headers().allValues("Set-Cookie")) {
      String value = c.substring(c.indexOf('=') + 1, c.indexOf(';') > 0 ? c.indexOf(';') : c.length());
      if (c.startsWith("SESSION=")) {
        session = value;
      } else if (c.startsWith("XSRF-TOKEN=")) {
        xsrf = value;
      }
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + request.uri(), e);
    }
  }
}
