package com.peakcare.pages;

import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Every page's data, behind one group check for both doors ({@code /api} and Cockpit's plugin API): a viewer outside
 * the page's readers (or writers, for its action) is refused with a 403 problem before the feature is asked anything.
 * Administrators ({@code camunda-admin}) may read every page. Reading never changes anything: a page's action is a
 * POST, which on Cockpit's side Camunda's CSRF filter guards.
 */
@Service
public class Pages {

  private final Map<String, PageData> byPath = new HashMap<>();

  Pages(List<PageData> pages) {
    for (PageData page : pages) {
      if (!page.path().matches("[a-z0-9-]+(/[a-z0-9.-]+)*") || byPath.put(page.path(), page) != null) {
        throw new IllegalStateException("page path " + page.path() + " is taken or not of the form a/b-c");
      }
    }
  }

  /** The data of page {@code path} for {@code viewer}. */
  public Object read(String path, Viewer viewer, Map<String, String> query) {
    PageData page = page(path);
    require(viewer, page.readers(), "read " + path);
    return page.read(viewer, Map.copyOf(query));
  }

  /** Page {@code path}'s action, taken by {@code viewer}. */
  public Object write(String path, Viewer viewer, Map<String, String> query, String contentType, byte[] body) {
    PageData page = page(path);
    if (page.writers().isEmpty()) {
      throw ApiException.notFound("an action of page " + path);
    }
    require(viewer, page.writers(), "act on " + path);
    return page.write(viewer, Map.copyOf(query), contentType, body);
  }

  private PageData page(String path) {
    PageData page = byPath.get(path);
    if (page == null) {
      throw ApiException.notFound("page " + path);
    }
    return page;
  }

  private static void require(Viewer viewer, Set<String> groups, String what) {
    if (viewer == null) {
      throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, "Unauthorized",
          "请先登录 · Log in first", List.of());
    }
    if (!viewer.in(Groups.CAMUNDA_ADMIN) && !viewer.inAny(groups)) {
      throw ApiException.forbidden("您的用户组不能查看或操作此页面 · Your groups may not " + what + " (for " + groups + ")");
    }
  }
}
