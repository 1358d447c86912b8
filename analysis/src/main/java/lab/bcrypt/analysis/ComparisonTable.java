package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A table with the columns blocking | offloaded | ratio, where ratio is offloaded divided by
 * blocking. Every row names its unit.
 */
final class ComparisonTable {

    /**
     * One row. A null value is shown as missing; when the row is required, the section also lists
     * it as missing data.
     */
    record Row(String metric, String unit, Double blocking, Double offloaded, boolean required) {}

    /** Units whose values are whole counts and print without decimals. */
    private static final Set<String> COUNT_UNITS = Set.of("requests", "threads", "errors", "tasks");

    private final String caption;
    private final List<Row> rows = new ArrayList<>();

    ComparisonTable(String caption) {
        this.caption = caption;
    }

    ComparisonTable row(String metric, String unit, Double blocking, Double offloaded) {
        rows.add(new Row(metric, unit, blocking, offloaded, true));
        return this;
    }

    /** Adds a row that one server may lack by design, such as the hash queue. */
    ComparisonTable optionalRow(String metric, String unit, Double blocking, Double offloaded) {
        rows.add(new Row(metric, unit, blocking, offloaded, false));
        return this;
    }

    String caption() {
        return caption;
    }

    List<Row> rows() {
        return rows;
    }

    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("**").append(caption).append("**\n\n");
        md.append("| metric | unit | blocking | offloaded | ratio (offloaded / blocking) |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append("| ")
                    .append(row.metric())
                    .append(" | ")
                    .append(row.unit())
                    .append(" | ")
                    .append(format(row.unit(), row.blocking()))
                    .append(" | ")
                    .append(format(row.unit(), row.offloaded()))
                    .append(" | ")
                    .append(Format.ratio(row.offloaded(), row.blocking()))
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String format(String unit, Double value) {
        return COUNT_UNITS.contains(unit) ? Format.count(value) : Format.number(value);
    }

    ObjectNode toJson() {
        ObjectNode table = JsonNodeFactory.instance.objectNode();
        table.put("caption", caption);
        ArrayNode jsonRows = table.putArray("rows");
        for (Row row : rows) {
            ObjectNode jsonRow = jsonRows.addObject();
            jsonRow.put("metric", row.metric());
            jsonRow.put("unit", row.unit());
            jsonRow.put("blocking", row.blocking());
            jsonRow.put("offloaded", row.offloaded());
            jsonRow.put("ratio", Format.ratioValue(row.offloaded(), row.blocking()));
        }
        return table;
    }
}
