package org.followthrough.email.parse;

/** RFC 2152 UTF-7, which Java has no charset for but a few old mail programs still send. */
final class Utf7 {

    private Utf7() {}

    static String decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = bytes[i] & 0xFF;
            if (c != '+') {
                out.append((char) c);
                i++;
                continue;
            }
            i++;
            if (i < end && bytes[i] == '-') {
                out.append('+');
                i++;
                continue;
            }
            int bits = 0;
            int buffer = 0;
            while (i < end) {
                int value = sextet(bytes[i]);
                if (value < 0) {
                    break;
                }
                buffer = (buffer << 6) | value;
                bits += 6;
                if (bits >= 16) {
                    bits -= 16;
                    out.append((char) ((buffer >> bits) & 0xFFFF));
                    buffer &= (1 << bits) - 1;
                }
                i++;
            }
            if (i < end && bytes[i] == '-') {
                i++;
            }
        }
        return out.toString();
    }

    private static int sextet(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+') {
            return 62;
        }
        if (b == '/') {
            return 63;
        }
        return -1;
    }
}
