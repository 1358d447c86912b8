package lab.bcrypt.analysis;

/** One numbered section of the report. */
interface Section {

    String title();

    /** Writes the section from the results; lists any data it needs and cannot find. */
    void write(ReportContext context, SectionOutput out);
}
