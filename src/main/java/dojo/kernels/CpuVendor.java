package dojo.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU vendor string ({@code GenuineIntel}, {@code AuthenticAMD}) from Linux's /proc/cpuinfo, or "" elsewhere. */
final class CpuVendor {
    private CpuVendor() {}

    static String read() {
        return parse(Path.of("/proc/cpuinfo"));
    }

    static String parse(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("vendor_id")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) { // no /proc (another OS), unreadable: no vendor
            return "";
        }
    }
}
