package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The markdown and JSON of one report section, with the data it lacks and the deviations it flags.
 * A section that lacks data says so at its top, in both outputs.
 */
final class SectionOutput {

    private final int number;
    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final ObjectNode json = JsonNodeFactory.instance.objectNode();
    private final ArrayNode tables = JsonNodeFactory.instance.arrayNode();
    private final ObjectNode values = JsonNodeFactory.instance.objectNode();
    private final List<String> missing = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();

    SectionOutput(int number, String title) {
        this.number = number;
        this.title = title;
    }

    void paragraph(String text) {
        body.append(text).append("\n\n");
    }

    void bullet(String text) {
        body.append("- ").append(text).append('\n');
    }

    void endList() {
        body.append('\n');
    }

    /** Adds a comparison table; each required row without both values is listed as missing. */
    void table(ComparisonTable table) {
        body.append(table.toMarkdown());
        tables.add(table.toJson());
        for (ComparisonTable.Row row : table.rows()) {
            if (!row.required()) {
                continue;
            }
            if (row.blocking() == null) {
                missing(table.caption() + ", " + row.metric() + ": no blocking value");
            }
            if (row.offloaded() == null) {
                missing(table.caption() + ", " + row.metric() + ": no offloaded value");
            }
        }
    }

    /** Adds a table that does not compare the servers, such as JMH scores. */
    void plainTable(String caption, List<String> header, List<List<String>> rows) {
        body.append("**").append(caption).append("**\n\n| ");
        body.append(String.join(" | ", header)).append(" |\n|");
        body.append("---|".repeat(header.size())).append('\n');
        ArrayNode jsonRows = JsonNodeFactory.instance.arrayNode();
        for (List<String> row : rows) {
            body.append("| ").append(String.join(" | ", row)).append(" |\n");
            ArrayNode jsonRow = jsonRows.addArray();
            row.forEach(jsonRow::add);
        }
        body.append('\n');
        ObjectNode table = tables.addObject();
        table.put("caption", caption);
        ArrayNode jsonHeader = table.putArray("header");
        header.forEach(jsonHeader::add);
        table.set("rows", jsonRows);
    }

    void chart(String relativePath, String altText) {
        body.append("![").append(altText).append("](").append(relativePath).append(")\n\n");
    }

    /** Records data the section needed and did not find. */
    void missing(String what) {
        missing.add(what);
    }

    /** Records a deviation or an anomaly the reader must see. */
    void flag(String text) {
        flags.add(text);
        body.append("> **Flag:** ").append(text).append("\n\n");
    }

    /** Stores a value in the section's JSON for other tools. */
    ObjectNode values() {
        return values;
    }

    boolean isComplete() {
        return missing.isEmpty();
    }

    List<String> missingData() {
        return missing;
    }

    List<String> flags() {
        return flags;
    }

    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(number).append(". ").append(title).append("\n\n");
        if (!missing.isEmpty()) {
            md.append("> **Missing data.** This section is incomplete:\n");
            for (String what : missing) {
                md.append("> - ").append(what).append('\n');
            }
            md.append('\n');
        }
        return md.append(body).toString();
    }

    ObjectNode toJson() {
        json.put("number", number);
        json.put("title", title);
        json.put("complete", isComplete());
        ArrayNode jsonMissing = json.putArray("missing");
        missing.forEach(jsonMissing::add);
        ArrayNode jsonFlags = json.putArray("flags");
        flags.forEach(jsonFlags::add);
        json.set("tables", tables);
        json.set("values", values);
        return json;
    }
}
