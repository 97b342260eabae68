package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than the limit ({@code peakcare.web.max-body}, 1 MiB) with a 413 problem, whether the
 * client announced the length or streamed it in chunks: no request of PeakCare's APIs, the engine's or the webapps'
 * needs more, and a larger one only costs memory.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

  private final long max;

  public RequestSizeLimit(long max) {
    this.max = max;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > max) {
      ProblemWriter.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "请求内容超过 " + max / 1024 + " KiB · The request "
          + "body is larger than " + max / 1024 + " KiB");
      return;
    }
    try {
      chain.doFilter(new Limited(request, max), response);
    } catch (TooLarge e) {
      if (!response.isCommitted()) {
        response.reset();
        ProblemWriter.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "请求内容超过 " + max / 1024 + " KiB · The request "
            + "body is larger than " + max / 1024 + " KiB");
      }
    } catch (ServletException | RuntimeException e) {
      if (causedBy(e) && !response.isCommitted()) {
        response.reset();
        ProblemWriter.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "请求内容超过 " + max / 1024 + " KiB · The request "
            + "body is larger than " + max / 1024 + " KiB");
        return;
      }
      throw e;
    }
  }

  private static boolean causedBy(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof TooLarge) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by the body's stream once it passes the limit. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("request body too large");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
              throw new TooLarge();
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }
  }
}
