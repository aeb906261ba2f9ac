package dev.crosslens.model.diff;

import dev.crosslens.model.Extent;

/**
 * A section or segment whose presence, size or permissions differ (or a pseudo-row such as
 * {@code [headers and gaps]} that makes the file-size total add up, as Bloaty does).
 *
 * @param oldPermissions r/w/x label, null when absent on that side
 */
public record SizeChange(ChangeKind kind, String name, long oldFileSize, long newFileSize, long oldVmSize,
                         long newVmSize, String oldPermissions, String newPermissions, Extent oldExtent,
                         Extent newExtent) {
    public long fileDelta() {
        return newFileSize - oldFileSize;
    }

    public long vmDelta() {
        return newVmSize - oldVmSize;
    }

    public boolean permissionsChanged() {
        return oldPermissions != null && newPermissions != null && !oldPermissions.equals(newPermissions);
    }
}
