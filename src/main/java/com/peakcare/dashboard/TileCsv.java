package com.peakcare.dashboard;

import com.peakcare.pages.PageData;
import com.peakcare.pages.PageFile;
import com.peakcare.pages.Viewer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tile's figures as CSV ({@code dashboard/<tile>.csv}): UTF-8 with a byte-order mark so that spreadsheets show the
 * Chinese, every cell quoted, a cell that a spreadsheet would run as a formula written as text.
 */
final class TileCsv implements PageData {

  private final DashboardTile tile;

  TileCsv(DashboardTile tile) {
    this.tile = tile;
  }

  @Override
  public String path() {
    return tile.path() + ".csv";
  }

  @Override
  public Set<String> readers() {
    return tile.readers();
  }

  @Override
  public PageFile read(Viewer viewer, Map<String, String> query) {
    return new PageFile("peakcare-dashboard-" + tile.tile().path() + ".csv", "text/csv;charset=UTF-8",
        csv(tile.rows(viewer, query)).getBytes(StandardCharsets.UTF_8));
  }

  static String csv(List<List<Object>> rows) {
    StringBuilder sb = new StringBuilder("\uFEFF");
    for (List<Object> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Object cell = row.get(i);
        String v = cell == null ? "" : cell.toString();
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !(cell instanceof Number)) {
          v = "'" + v;
        }
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      }
      sb.append("\r\n");
    }
    return sb.toString();
  }
}
