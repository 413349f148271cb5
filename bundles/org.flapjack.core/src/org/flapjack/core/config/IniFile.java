package org.flapjack.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.flapjack.core.config.IniLine.Kind;

/**
 * An INI file that can be edited and written back unchanged except for the edits: comments, blank lines, order,
 * indentation, line endings and keys nobody asked about stay as they were. Sections are {@code [name]} lines
 * (names may hold spaces), entries are {@code key = value} lines, and {@code #} or {@code ;} start a comment, at
 * the start of a line or after a space on a value line. A value in double quotes is taken as it stands.
 */
public final class IniFile {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final List<IniLine> lines;
    private final Charset charset;
    private final boolean byteOrderMark;
    private final String newline;

    private IniFile(Path file, List<IniLine> lines, Charset charset, boolean byteOrderMark) {
        this.file = file;
        this.lines = lines;
        this.charset = charset;
        this.byteOrderMark = byteOrderMark;
        this.newline = lines.stream().map(IniLine::end).filter(end -> !end.isEmpty()).findFirst().orElse("\n");
    }

    /** Reads the file: UTF-8, or ISO-8859-1 where it is not valid UTF-8, so that writing it back loses nothing. */
    public static IniFile read(Path file) throws IOException, ConfigException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return parse(file, text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            return parse(file, new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads INI text; {@code file} names it in refusals and is where {@link #write()} puts it. */
    public static IniFile parse(Path file, String text) throws ConfigException {
        return parse(file, text, StandardCharsets.UTF_8);
    }

    private static IniFile parse(Path file, String text, Charset charset) throws ConfigException {
        boolean byteOrderMark = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK;
        List<IniLine> lines = split(byteOrderMark ? text.substring(1) : text);
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            IniLine line = lines.get(i);
            if (line.kind() == Kind.INVALID) {
                throw new ConfigException(file, i + 1, line.name());
            }
            if (line.kind() == Kind.ENTRY && !inSection) {
                throw new ConfigException(file, i + 1, "a [section] header before the first key");
            }
            inSection |= line.kind() == Kind.SECTION;
        }
        return new IniFile(file, lines, charset, byteOrderMark);
    }

    private static List<IniLine> split(String text) {
        List<IniLine> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                lines.add(IniLine.parse(text.substring(start), ""));
                break;
            }
            int textEnd = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(IniLine.parse(text.substring(start, textEnd), text.substring(textEnd, newline + 1)));
            start = newline + 1;
        }
        return lines;
    }

    /** The file this was read from or will be written to. */
    public Path file() {
        return file;
    }

    /** The whole file as it would be written. */
    public String text() {
        StringBuilder text = new StringBuilder();
        if (byteOrderMark) {
            text.append(BYTE_ORDER_MARK);
        }
        for (IniLine line : lines) {
            text.append(line.text()).append(line.end());
        }
        return text.toString();
    }

    /** Writes the text to {@link #file()} in one step: readers see the old file or the new one, never half. */
    public void write() throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            copyPermissions(target, temporary);
            Files.write(temporary, text().getBytes(charset));
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        try {
            if (Files.exists(from)) {
                Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            }
        } catch (UnsupportedOperationException notPosix) {
            // Nothing to keep on a file system without POSIX permissions.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Every section in file order, repeated names included. */
    public List<IniSection> sections() {
        List<IniSection> sections = new ArrayList<>();
        IniSection current = null;
        for (int i = 0; i < lines.size(); i++) {
            IniLine line = lines.get(i);
            if (line.kind() == Kind.SECTION) {
                current = new IniSection(line.name(), i + 1);
                sections.add(current);
            } else if (line.kind() == Kind.ENTRY) {
                current.put(line.name(), line.value(), i + 1);
            }
        }
        return sections;
    }

    /** The first section of that name. */
    public Optional<IniSection> section(String name) {
        return sections().stream().filter(section -> section.name().equals(name)).findFirst();
    }

    /** The number of lines, which is the line a refusal about something missing points at. */
    public int lineCount() {
        return Math.max(lines.size(), 1);
    }

    /**
     * Gives the key this value: the line that holds it now keeps its place, indentation and comment; a new key
     * goes after the section's last key, in the style of the keys around it; a missing section is added.
     */
    public void set(String section, String key, String value) {
        checkKey(key);
        checkValue(value);
        int header = header(section);
        if (header < 0) {
            addSection(section);
            header = header(section);
        }
        int existing = lastEntry(header, key);
        if (existing >= 0) {
            lines.set(existing, lines.get(existing).withValue(value));
            return;
        }
        int after = lastEntry(header, null);
        insert(Math.max(after, header) + 1, IniLine.parse(entryText(header, key, value), newline));
    }

    /** Removes every line of the key in that section; false when there was none. */
    public boolean remove(String section, String key) {
        int header = header(section);
        if (header < 0) {
            return false;
        }
        boolean removed = false;
        for (int i = end(header) - 1; i > header; i--) {
            if (lines.get(i).kind() == Kind.ENTRY && lines.get(i).name().equals(key)) {
                lines.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** Appends an empty section after a blank line. */
    public void addSection(String name) {
        checkSectionName(name);
        if (header(name) >= 0) {
            throw new IllegalArgumentException("section [" + name + "] exists already");
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).kind() != Kind.BLANK) {
            insert(lines.size(), IniLine.blank(newline));
        }
        insert(lines.size(), IniLine.parse("[" + name + "]", newline));
    }

    /**
     * Removes the first section of that name: its header, its keys, and the comment lines right above the header;
     * false when there was none.
     */
    public boolean removeSection(String name) {
        int header = header(name);
        if (header < 0) {
            return false;
        }
        int end = end(header);
        boolean last = end == lines.size();
        lines.subList(leadingComments(header), last ? end : leadingComments(end)).clear();
        while (last && !lines.isEmpty() && lines.get(lines.size() - 1).kind() == Kind.BLANK) {
            lines.remove(lines.size() - 1);
        }
        return true;
    }

    /**
     * Moves the first section of that name, with the comment lines right above its header, so that it becomes the
     * section at {@code index} (0 is the first). The blank lines between sections stay where they were, so the
     * file keeps its spacing; the text before the first section stays on top.
     */
    public void moveSection(String name, int index) {
        List<Integer> headers = headers();
        int from = headers.indexOf(header(name));
        if (from < 0) {
            throw new IllegalArgumentException("no section [" + name + "] to move");
        }
        if (index < 0 || index >= headers.size()) {
            throw new IllegalArgumentException("section [" + name + "] cannot move to place " + index + " of "
                    + headers.size());
        }
        if (index == from) {
            return;
        }
        List<List<IniLine>> blocks = new ArrayList<>();
        List<List<IniLine>> gaps = new ArrayList<>();
        List<IniLine> top = sectionBlocks(headers, blocks, gaps);
        blocks.add(index, blocks.remove(from));
        String lastEnd = lines.get(lines.size() - 1).end();
        lines.clear();
        lines.addAll(top);
        for (int i = 0; i < blocks.size(); i++) {
            lines.addAll(blocks.get(i));
            lines.addAll(gaps.get(i));
        }
        endLines(lastEnd);
    }

    private List<Integer> headers() {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == Kind.SECTION) {
                headers.add(i);
            }
        }
        return headers;
    }

    /**
     * Splits the lines into what comes before the first section, each section's block (its leading comments,
     * header and keys) and the blank lines after each block; returns the lines before.
     */
    private List<IniLine> sectionBlocks(List<Integer> headers, List<List<IniLine>> blocks, List<List<IniLine>> gaps) {
        for (int i = 0; i < headers.size(); i++) {
            int start = leadingComments(headers.get(i));
            int end = i + 1 < headers.size() ? leadingComments(headers.get(i + 1)) : lines.size();
            int gap = end;
            while (gap > headers.get(i) + 1 && lines.get(gap - 1).kind() == Kind.BLANK) {
                gap--;
            }
            blocks.add(new ArrayList<>(lines.subList(start, gap)));
            gaps.add(new ArrayList<>(lines.subList(gap, end)));
        }
        return new ArrayList<>(lines.subList(0, leadingComments(headers.get(0))));
    }

    /** Ends every line with a line break but the last, which ends as the file's last line ended before. */
    private void endLines(String lastEnd) {
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).end().isEmpty()) {
                lines.set(i, lines.get(i).withEnd(newline));
            }
        }
        int last = lines.size() - 1;
        lines.set(last, lines.get(last).withEnd(lastEnd));
    }

    private void insert(int index, IniLine line) {
        if (index == lines.size() && !lines.isEmpty() && lines.get(index - 1).end().isEmpty()) {
            lines.set(index - 1, lines.get(index - 1).withEnd(newline));
        }
        lines.add(index, line);
    }

    private int header(String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == Kind.SECTION && lines.get(i).name().equals(section)) {
                return i;
            }
        }
        return -1;
    }

    private int end(int header) {
        int i = header + 1;
        while (i < lines.size() && lines.get(i).kind() != Kind.SECTION) {
            i++;
        }
        return i;
    }

    private int leadingComments(int header) {
        int start = header;
        while (start > 0 && lines.get(start - 1).kind() == Kind.COMMENT) {
            start--;
        }
        return start;
    }

    /** The last entry line with that key in the section (any key when null), or -1. */
    private int lastEntry(int header, String key) {
        for (int i = end(header) - 1; i > header; i--) {
            IniLine line = lines.get(i);
            if (line.kind() == Kind.ENTRY && (key == null || line.name().equals(key))) {
                return i;
            }
        }
        return -1;
    }

    /** A new key line that copies the indentation and separator of the key above it, or of the file's first. */
    private String entryText(int header, String key, String value) {
        int model = lastEntry(header, null);
        if (model < 0) {
            model = firstEntry();
        }
        String indent = "";
        String separator = " = ";
        if (model >= 0 && !lines.get(model).value().isEmpty()) {
            IniLine line = lines.get(model);
            int keyStart = line.text().indexOf(line.name());
            indent = line.text().substring(0, keyStart);
            separator = line.text().substring(keyStart + line.name().length(), line.valueStart());
        }
        return indent + key + separator + IniLine.encode(value);
    }

    private int firstEntry() {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == Kind.ENTRY) {
                return i;
            }
        }
        return -1;
    }

    static void checkKey(String key) {
        if (key == null || key.isBlank() || !key.equals(key.strip()) || key.contains("=") || key.contains("\n")
                || key.contains("\r") || key.startsWith("[") || IniLine.isCommentStart(key.charAt(0))) {
            throw new IllegalArgumentException("a key is a word without '=', line breaks or a leading '[', '#' "
                    + "or ';'");
        }
    }

    static void checkValue(String value) {
        if (value == null || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("a value is one line of text");
        }
        IniLine.encode(value);
    }

    static void checkSectionName(String name) {
        if (name == null || name.isBlank() || !name.equals(name.strip()) || name.contains("]")
                || name.contains("\n") || name.contains("\r")) {
            throw new IllegalArgumentException("a section name is one line of text without ']' and without "
                    + "leading or trailing spaces");
        }
    }

    /** Names the file and its sections, never a value. */
    @Override
    public String toString() {
        return "IniFile[" + file + ", sections " + sections().stream().map(IniSection::name).toList() + "]";
    }
}
