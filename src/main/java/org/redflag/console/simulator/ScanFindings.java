package org.redflag.console.simulator;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.redflag.console.scan.Subsystem;

/**
 * What a simulated agent "finds" when it scans: believable values for its operating system, drawn from a
 * random source seeded per command so a scan is reproducible.
 */
final class ScanFindings {

    private static final long GIB = 1L << 30;

    record Mount(String mountpoint, String device, String diskType, String filesystem, long totalBytes, long usedBytes) {
        double usedPercent() {
            return totalBytes == 0 ? 0 : Math.round(10_000.0 * usedBytes / totalBytes) / 100.0;
        }

        String severity() {
            double used = usedPercent();
            return used >= 95 ? "critical" : used >= 90 ? "important" : used >= 80 ? "moderate" : "low";
        }
    }

    record UpdatePackage(String packageType, String name, String currentVersion, String availableVersion,
            String severity) {
    }

    record SystemFacts(String cpuModel, int cpuCores, long memoryTotalBytes, long memoryUsedBytes, long uptimeSeconds,
            boolean rebootRequired) {
    }

    record Image(String repository, String tag, String imageId, long sizeBytes, boolean updateAvailable,
            String latestTag) {
    }

    /** The agent as the simulator needs to know it. */
    record Host(String hostname, String osType, String osVersion) {
    }

    private static final String[] SEVERITIES = {"low", "low", "low", "moderate", "moderate", "important", "critical"};
    private static final String[][] APT = {{"openssl", "3.0.2-0ubuntu1.15", "3.0.2-0ubuntu1.18"},
        {"linux-image-generic", "5.15.0.112", "5.15.0.119"}, {"curl", "7.81.0-1ubuntu1.16", "7.81.0-1ubuntu1.18"},
        {"openssh-server", "1:8.9p1-3ubuntu0.7", "1:8.9p1-3ubuntu0.10"}, {"libc6", "2.35-0ubuntu3.7", "2.35-0ubuntu3.8"},
        {"sudo", "1.9.9-1ubuntu2.4", "1.9.9-1ubuntu2.5"}, {"tzdata", "2024a-0ubuntu0.22.04", "2024b-0ubuntu0.22.04"},
        {"python3.10", "3.10.12-1~22.04.3", "3.10.12-1~22.04.6"}, {"git", "1:2.34.1-1ubuntu1.10", "1:2.34.1-1ubuntu1.11"}};
    private static final String[][] DNF = {{"kernel", "5.14.0-427.13.1.el9_4", "5.14.0-427.31.1.el9_4"},
        {"openssl-libs", "3.0.7-27.el9", "3.0.7-28.el9_4"}, {"glibc", "2.34-100.el9", "2.34-100.el9_4.3"},
        {"postgresql-server", "16.2-1PGDG.rhel9", "16.4-1PGDG.rhel9"}, {"systemd", "252-32.el9_4", "252-32.el9_4.7"},
        {"bind-libs", "9.16.23-15.el9", "9.16.23-18.el9_4.6"}, {"vim-minimal", "8.2.2637-20.el9_1", "8.2.2637-21.el9"}};
    private static final String[][] WINDOWS = {{"KB5041160 Cumulative Update", "", "2024-08"},
        {"KB5041948 .NET Framework", "", "2024-08"}, {"KB890830 Malicious Software Removal Tool", "", "5.127"},
        {"KB5040437 Cumulative Update", "", "2024-07"}};
    private static final String[][] WINGET = {{"Mozilla.Firefox", "128.0.3", "129.0.1"},
        {"Microsoft.PowerShell", "7.4.3", "7.4.5"}, {"7zip.7zip", "23.01", "24.08"}, {"Git.Git", "2.45.2", "2.46.0"}};
    private static final String[][] BREW = {{"openssl@3", "3.3.1", "3.3.2"}, {"git", "2.45.2", "2.46.0"},
        {"python@3.12", "3.12.4", "3.12.5"}, {"node", "22.4.1", "22.6.0"}, {"wget", "1.24.5", "1.24.5_1"}};
    private static final String[][] IMAGES = {{"nginx", "1.25", "1.27"}, {"postgres", "16.2", "16.4"},
        {"redis", "7.2", "7.4"}, {"grafana/grafana", "10.4.2", "11.1.4"}, {"traefik", "v2.11", "v3.1"},
        {"prom/prometheus", "v2.51.0", "v2.54.0"}, {"registry", "2", "2"}};
    private static final String[] CPUS = {"Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "AMD EPYC 7543P 32-Core Processor",
        "Intel(R) Core(TM) i7-1365U", "Apple M2 Pro", "AMD Ryzen 7 PRO 5850U"};

    private ScanFindings() {
    }

    static List<Mount> storage(Host host, Random random) {
        List<Mount> mounts = new ArrayList<>();
        switch (host.osType()) {
            case "windows" -> {
                mounts.add(mount(random, "C:\\", "\\\\.\\PhysicalDrive0", "ssd", "NTFS", 128, 512));
                if (random.nextBoolean()) {
                    mounts.add(mount(random, "D:\\", "\\\\.\\PhysicalDrive1", "hdd", "NTFS", 500, 4000));
                }
            }
            case "macos" -> {
                mounts.add(mount(random, "/", "/dev/disk3s1s1", "ssd", "apfs", 256, 1000));
                mounts.add(mount(random, "/System/Volumes/Data", "/dev/disk3s5", "ssd", "apfs", 256, 1000));
            }
            default -> {
                mounts.add(mount(random, "/", "/dev/nvme0n1p2", "ssd", "ext4", 40, 200));
                mounts.add(mount(random, "/boot", "/dev/nvme0n1p1", "ssd", "ext4", 1, 2));
                if (random.nextBoolean()) {
                    mounts.add(mount(random, "/var", "/dev/sdb1", "hdd", "xfs", 100, 2000));
                }
                if (random.nextInt(3) == 0) {
                    mounts.add(mount(random, "/home", "/dev/sdc1", "hdd", "xfs", 200, 4000));
                }
            }
        }
        return mounts;
    }

    private static Mount mount(Random random, String path, String device, String diskType, String fs, int minGib,
            int maxGib) {
        long total = (minGib + random.nextInt(maxGib - minGib + 1)) * GIB;
        // Mostly comfortable, sometimes filling up: the interesting cases should appear in a demo.
        double used = random.nextInt(10) == 0 ? 0.90 + random.nextDouble() * 0.09 : 0.10 + random.nextDouble() * 0.75;
        return new Mount(path, device, diskType, fs, total, (long) (total * used));
    }

    static List<UpdatePackage> updates(Host host, Random random) {
        List<UpdatePackage> packages = new ArrayList<>();
        switch (host.osType()) {
            case "windows" -> {
                pick(packages, random, "windows", WINDOWS, 3);
                pick(packages, random, "winget", WINGET, 3);
            }
            case "macos" -> pick(packages, random, "brew", BREW, 4);
            default -> {
                boolean redHat = host.osVersion() != null
                        && host.osVersion().matches("(?i).*(rocky|alma|fedora|red hat|centos).*");
                pick(packages, random, redHat ? "dnf" : "apt", redHat ? DNF : APT, 6);
            }
        }
        return packages;
    }

    private static void pick(List<UpdatePackage> into, Random random, String type, String[][] catalogue, int max) {
        int count = random.nextInt(max + 1);
        List<String[]> remaining = new ArrayList<>(List.of(catalogue));
        for (int i = 0; i < count && !remaining.isEmpty(); i++) {
            String[] p = remaining.remove(random.nextInt(remaining.size()));
            into.add(new UpdatePackage(type, p[0], p[1].isEmpty() ? null : p[1], p[2],
                    SEVERITIES[random.nextInt(SEVERITIES.length)]));
        }
    }

    static SystemFacts system(Host host, Random random) {
        int cores = switch (host.osType()) {
            case "macos" -> 10 + 2 * random.nextInt(3);
            case "windows" -> 4 + 4 * random.nextInt(3);
            default -> 2 << random.nextInt(5);
        };
        long memory = (8L << random.nextInt(4)) * GIB;
        return new SystemFacts(CPUS[random.nextInt(CPUS.length)], cores, memory,
                (long) (memory * (0.2 + random.nextDouble() * 0.7)), 3_600L + random.nextInt(60 * 86_400),
                random.nextInt(8) == 0);
    }

    static List<Image> docker(Random random) {
        List<Image> images = new ArrayList<>();
        List<String[]> remaining = new ArrayList<>(List.of(IMAGES));
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String[] image = remaining.remove(random.nextInt(remaining.size()));
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            boolean outdated = !image[1].equals(image[2]) && random.nextBoolean();
            images.add(new Image(image[0], image[1], "sha256:" + HexFormat.of().formatHex(digest),
                    (20L + random.nextInt(900)) * (1L << 20), outdated, outdated ? image[2] : null));
        }
        return images;
    }

    /** The agent's one-line report of what it found, for the history's stdout. */
    static String summary(Subsystem subsystem, Host host, int items) {
        return switch (subsystem) {
            case STORAGE -> "Measured " + items + " mounted filesystem" + (items == 1 ? "" : "s") + " on " + host.hostname();
            case UPDATES -> items == 0 ? "No updates available" : items + " update" + (items == 1 ? "" : "s") + " available";
            case SYSTEM -> "Collected CPU, memory and uptime";
            case DOCKER -> "Listed " + items + " docker image" + (items == 1 ? "" : "s");
        };
    }

    /** Why a simulated scan failed, in the words a real agent's tool would use. */
    static String failure(Subsystem subsystem, Random random) {
        String[] reasons = switch (subsystem) {
            case UPDATES -> new String[] {"E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 2311 (unattended-upgr)",
                "Error: Failed to download metadata for repo 'appstream': Cannot download repomd.xml"};
            case STORAGE -> new String[] {"df: /mnt/backup: Stale file handle", "statfs /var: input/output error"};
            case SYSTEM -> new String[] {"cannot read /proc/meminfo: permission denied"};
            case DOCKER -> new String[] {"Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"};
        };
        return reasons[random.nextInt(reasons.length)];
    }
}
