using System.Buffers.Binary;
using System.IO.Compression;
using AiLiteracy.Connector.Tests.Generation;

namespace AiLiteracy.Connector.Tests;

/// <summary>connector/icon.png: a PNG, 230×230, opaque, the brand colour as background, the logo about 160×160 in the middle.</summary>
public sealed class IconTests
{
    private static string IconPath => Path.Combine(ConnectorFiles.ConnectorDirectory, "icon.png");

    [Fact]
    public void Icon_Is230PixelsSquareAndOpaque()
    {
        var image = Png.Decode(File.ReadAllBytes(IconPath));
        Assert.Equal((230, 230), (image.Width, image.Height));
        Assert.True(image.IsOpaque, "The icon must have an opaque background.");
    }

    [Fact]
    public void Icon_HasTheBrandColourBehindALogoOfAbout160Pixels()
    {
        var image = Png.Decode(File.ReadAllBytes(IconPath));
        var brand = Convert.ToHexString(Convert.FromHexString(ConnectorCatalog.BrandColor[1..]));
        Assert.All(new[] { (0, 0), (229, 0), (0, 229), (229, 229), (115, 5) }, p => Assert.Equal(brand, image.Hex(p.Item1, p.Item2)));

        var (left, top, right, bottom) = image.BoundsOfPixelsOtherThan(brand);
        Assert.InRange(right - left + 1, 130, 180);
        Assert.InRange(bottom - top + 1, 130, 180);
        Assert.InRange((left + right) / 2, 105, 125);
        Assert.InRange((top + bottom) / 2, 100, 130);
    }

    [Fact]
    public void Png_RejectsAnImageWithTransparency()
    {
        var transparent = Png.Encode(4, 4, (x, y) => (0x3B, 0x2F, 0x8F, x == 0 ? (byte)0 : (byte)255));
        Assert.False(Png.Decode(transparent).IsOpaque);
        var opaque = Png.Encode(4, 4, (_, _) => (0x3B, 0x2F, 0x8F, 255));
        Assert.True(Png.Decode(opaque).IsOpaque);
    }

    /// <summary>A small PNG reader (8-bit RGB or RGBA, not interlaced) for the icon checks.</summary>
    private sealed class Png
    {
        private readonly byte[] pixels;
        private readonly int channels;

        private Png(int width, int height, int channels, byte[] pixels)
        {
            Width = width;
            Height = height;
            this.channels = channels;
            this.pixels = pixels;
        }

        public int Width { get; }

        public int Height { get; }

        public bool IsOpaque => channels == 3 || Enumerable.Range(0, Width * Height).All(i => pixels[(i * 4) + 3] == 255);

        public string Hex(int x, int y)
        {
            var i = ((y * Width) + x) * channels;
            return Convert.ToHexString(pixels, i, 3);
        }

        public (int Left, int Top, int Right, int Bottom) BoundsOfPixelsOtherThan(string background)
        {
            int left = Width, top = Height, right = -1, bottom = -1;
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    if (Hex(x, y) != background)
                    {
                        (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                    }
                }
            }

            return (left, top, right, bottom);
        }

        public static Png Decode(byte[] file)
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);
            int width = 0, height = 0, channels = 0;
            var data = new MemoryStream();
            var transparencyChunk = false;
            for (var i = 8; i < file.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(i));
                var type = System.Text.Encoding.ASCII.GetString(file, i + 4, 4);
                var chunk = file.AsSpan(i + 8, length);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                    height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                    Assert.Equal(8, chunk[8]);
                    channels = chunk[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {chunk[9]}.") };
                    Assert.Equal(0, chunk[12]);
                }
                else if (type == "IDAT")
                {
                    data.Write(chunk);
                }
                else if (type == "tRNS")
                {
                    transparencyChunk = true;
                }

                i += 12 + length;
            }

            data.Position = 0;
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(data, CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }

            var raw = inflated.ToArray();
            var stride = width * channels;
            var pixels = new byte[height * stride];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    var value = raw[(y * (stride + 1)) + 1 + x];
                    int a = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                    int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                    int c = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                    pixels[(y * stride) + x] = (byte)(value + filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new NotSupportedException($"PNG filter {filter}."),
                    });
                }
            }

            if (transparencyChunk && channels == 3)
            {
                channels = 4;
                var expanded = new byte[width * height * 4];
                for (var p = 0; p < width * height; p++)
                {
                    Array.Copy(pixels, p * 3, expanded, p * 4, 3);
                    expanded[(p * 4) + 3] = 0;
                }

                pixels = expanded;
            }

            return new Png(width, height, channels, pixels);
        }

        public static byte[] Encode(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
        {
            var raw = new MemoryStream();
            for (var y = 0; y < height; y++)
            {
                raw.WriteByte(0);
                for (var x = 0; x < width; x++)
                {
                    var (r, g, b, a) = pixel(x, y);
                    raw.Write([r, g, b, a]);
                }
            }

            var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                raw.Position = 0;
                raw.CopyTo(zlib);
            }

            var file = new MemoryStream();
            file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            header[8] = 8;
            header[9] = 6;
            Chunk(file, "IHDR", header);
            Chunk(file, "IDAT", compressed.ToArray());
            Chunk(file, "IEND", []);
            return file.ToArray();
        }

        private static void Chunk(Stream file, string type, byte[] data)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            file.Write(length);
            file.Write(System.Text.Encoding.ASCII.GetBytes(type));
            file.Write(data);
            file.Write(new byte[4]); // CRC, not checked by the reader
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
