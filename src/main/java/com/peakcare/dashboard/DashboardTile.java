package com.peakcare.dashboard;

import com.peakcare.pages.PageData;
import com.peakcare.pages.Viewer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tile of the dashboard as a page ({@code dashboard/<tile>}, served by {@code Pages} on Cockpit's plugin API and
 * by {@link DashboardController} on {@code /api/dashboard/<tile>}): its figures as JSON for a reader of its
 * department, and the same figures as CSV rows ({@code dashboard/<tile>.csv}).
 */
abstract class DashboardTile implements PageData {

  private final Tile tile;
  private final DashboardAccess access;
  private final ShopTime time;
  private TileCache cache;

  DashboardTile(Tile tile, DashboardAccess access, ShopTime time) {
    this.tile = tile;
    this.access = access;
    this.time = time;
  }

  Tile tile() {
    return tile;
  }

  /** The short shared cache of the figures ({@link TileCache}); without it every read computes. */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  void cache(TileCache cache) {
    this.cache = cache;
  }

  @Override
  public String path() {
    return "dashboard/" + tile.path();
  }

  @Override
  public Set<String> readers() {
    return DashboardAccess.READERS;
  }

  @Override
  public Object read(Viewer viewer, Map<String, String> query) {
    return access.read(viewer, tile, () -> shared(time.window(query)));
  }

  /** The CSV's rows of these figures (the first is the header), after the same checks as {@link #read}. */
  List<List<Object>> rows(Viewer viewer, Map<String, String> query) {
    return rows(access.read(viewer, tile, () -> shared(time.window(query))));
  }

  /** The figures of this window, from the cache when another reader had them counted a moment ago. */
  private Object shared(ShopTime.Window window) {
    return cache == null ? figures(window) : cache.get(TileCache.Key.of(tile, window), () -> figures(window));
  }

  abstract Object figures(ShopTime.Window window);

  abstract List<List<Object>> rows(Object figures);
}
