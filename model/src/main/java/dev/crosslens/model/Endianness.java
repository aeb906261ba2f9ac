package dev.crosslens.model;

public enum Endianness {
    LITTLE, BIG;

    public java.nio.ByteOrder byteOrder() {
        return this == LITTLE ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
    }
}
