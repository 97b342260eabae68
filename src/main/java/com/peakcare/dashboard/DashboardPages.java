package com.peakcare.dashboard;

import com.peakcare.pages.PageData;
import com.peakcare.pages.Viewer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard's other pages: each tile's CSV, and {@code dashboard/tiles}, which tiles the viewer may see (the page
 * in Cockpit draws those and no other) and how often it refreshes itself.
 */
@Configuration
class DashboardPages {

  /** How often the page in Cockpit reads its tiles again (issue 25: every 30 s at most). */
  static final int REFRESH_SECONDS = 30;

  /** What {@code dashboard/tiles} answers: the viewer's tiles, the shop's time zone, the refresh period. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardTiles")
  record Tiles(String viewer, List<TileRef> tiles, String timeZone, int refreshSeconds) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardTileRef")
  record TileRef(String tile, String label) {}

  @Bean
  PageData dashboardTiles(DashboardAccess access, ShopTime time) {
    return new PageData() {
      @Override
      public String path() {
        return "dashboard/tiles";
      }

      @Override
      public Set<String> readers() {
        return DashboardAccess.READERS;
      }

      @Override
      public Tiles read(Viewer viewer, Map<String, String> query) {
        return new Tiles(viewer.userId(), access.visible(viewer).stream()
            .map(t -> new TileRef(t.path(), t.label())).toList(), time.zone().getId(), REFRESH_SECONDS);
      }
    };
  }

  @Bean
  PageData returnsCsv(ReturnsTile tile) {
    return new TileCsv(tile);
  }

  @Bean
  PageData moneyCsv(MoneyTile tile) {
    return new TileCsv(tile);
  }

  @Bean
  PageData promisesCsv(PromisesTile tile) {
    return new TileCsv(tile);
  }

  @Bean
  PageData noticesCsv(NoticesTile tile) {
    return new TileCsv(tile);
  }

  @Bean
  PageData campaignsCsv(CampaignsTile tile) {
    return new TileCsv(tile);
  }
}
