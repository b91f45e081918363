using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Reads Kubernetes manifests from files, folders (recursively: <c>.yaml</c>, <c>.yml</c>,
/// <c>.json</c>) and <c>-</c> (standard input): multi-document YAML, JSON, and <c>*List</c> kinds.
/// Every problem becomes an <see cref="InvalidDocument"/> with file and line, and everything else
/// is still read. Never writes anything.
/// </summary>
public sealed partial class ManifestLoader
{
    /// <summary>The path that stands for standard input.</summary>
    public const string StandardInputPath = "-";

    /// <summary>A loader with <paramref name="options"/> (or the defaults).</summary>
    public ManifestLoader(ManifestLoaderOptions? options = null) => Options = options ?? ManifestLoaderOptions.Default;

    /// <summary>The limits in force.</summary>
    public ManifestLoaderOptions Options { get; }

    /// <summary>The paths that are neither <c>-</c> nor an existing file or folder.</summary>
    public static IReadOnlyList<string> MissingPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return [.. paths.Where(p => p != StandardInputPath && !File.Exists(p) && !Directory.Exists(p))];
    }

    /// <summary>
    /// The files <paramref name="paths"/> name, in order: a file as given, a folder's matching files
    /// sorted by relative path (hidden entries skipped), <c>-</c> as is.
    /// </summary>
    public IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (path != StandardInputPath && Directory.Exists(path))
            {
                var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
                files.AddRange(Directory.EnumerateFiles(path, "*", enumeration)
                    .Where(f => Options.Extensions.Contains(Path.GetExtension(f)))
                    .Select(f => Path.GetRelativePath(path, f).Replace('\\', '/'))
                    .Order(StringComparer.Ordinal)
                    .Select(relative => Path.Join(path, relative)));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }

    /// <summary>
    /// Reads every input in <paramref name="paths"/>. Files are read and parsed on every core, each
    /// on its own, and gathered in input order: the result is the same as reading them one by one.
    /// </summary>
    /// <param name="paths">Files, folders, and <c>-</c> for <paramref name="standardInput"/>.</param>
    /// <param name="standardInput">Read for <c>-</c>; defaults to the console.</param>
    /// <param name="progress">Called after each file, in input order, with (files done, files in all).</param>
    public ManifestSet Load(IEnumerable<string> paths, TextReader? standardInput = null, Action<int, int>? progress = null)
    {
        var files = ExpandPaths(paths);
        var builder = new Builder(Options);
        var done = 0;
        try
        {
            foreach (var file in ReadEach(files, standardInput))
            {
                builder.Append(file);
                progress?.Invoke(++done, files.Count);
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return builder.Build();
    }

    private IEnumerable<Builder> ReadEach(IReadOnlyList<string> files, TextReader? standardInput)
    {
        Builder ReadOne(string file)
        {
            var one = new Builder(Options);
            if (file == StandardInputPath)
            {
                one.ReadStandardInput(standardInput ?? Console.In);
            }
            else
            {
                one.ReadFile(file);
            }

            return one;
        }

        if (files.Count < 2 || Environment.ProcessorCount < 2)
        {
            return files.Select(ReadOne);
        }

        return files.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Min(Environment.ProcessorCount, MaxReaders)).Select(ReadOne);
    }

    /// <summary>Reads manifests from <paramref name="text"/> as if from a file named <paramref name="file"/>.</summary>
    public ManifestSet LoadText(string text, string file = SourceLocation.StandardInput)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new Builder(Options);
        builder.ReadText(text, file);
        return builder.Build();
    }

    /// <summary>Files read at once at most (reading is CPU-bound; more threads only cost memory).</summary>
    private const int MaxReaders = 8;

    private sealed class Builder(ManifestLoaderOptions options)
    {
        private readonly ImmutableArray<ManifestDocument>.Builder _documents = ImmutableArray.CreateBuilder<ManifestDocument>();
        private readonly ImmutableArray<InvalidDocument>.Builder _invalid = ImmutableArray.CreateBuilder<InvalidDocument>();
        private readonly ImmutableArray<string>.Builder _files = ImmutableArray.CreateBuilder<string>();
        private int _documentCount;
        private int _fileDocuments;

        private int NextIndex()
        {
            _documentCount++;
            return _fileDocuments++;
        }

        public ManifestSet Build() => new(_documents.ToImmutable(), _invalid.ToImmutable(), _files.ToImmutable(), _documentCount);

        /// <summary>Adds what <paramref name="other"/> read after what this one read.</summary>
        public void Append(Builder other)
        {
            _documents.AddRange(other._documents);
            _invalid.AddRange(other._invalid);
            _files.AddRange(other._files);
            _documentCount += other._documentCount;
        }

        public void ReadFile(string file)
        {
            _files.Add(file);
            byte[] bytes;
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    Fail(file, 0, 1, Directory.Exists(file) ? "is a folder" : "no such file or directory");
                    return;
                }

                if (info.Length > options.MaxFileBytes)
                {
                    Fail(file, 0, 1, $"file is {info.Length} bytes, over the limit of {options.MaxFileBytes}; refused");
                    return;
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(file, 0, 1, "cannot read: " + ex.Message);
                return;
            }

            if (Decode(bytes, out var text) is { } problem)
            {
                Fail(file, 0, 1, problem);
                return;
            }

            ReadText(text, file);
        }

        public void ReadStandardInput(TextReader input)
        {
            _files.Add(SourceLocation.StandardInput);
            var buffer = new char[81920];
            var sb = new StringBuilder();
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                sb.Append(buffer, 0, read);
                if (sb.Length > options.MaxFileBytes)
                {
                    Fail(SourceLocation.StandardInput, 0, 1, $"standard input is over the limit of {options.MaxFileBytes} bytes; refused");
                    return;
                }
            }

            var text = sb.ToString();
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                Fail(SourceLocation.StandardInput, 0, 1, "binary input (contains NUL bytes), not YAML or JSON");
                return;
            }

            ReadText(text, SourceLocation.StandardInput);
        }

        public void ReadText(string text, string file)
        {
            _fileDocuments = 0;
            var start = 0;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            if (start == text.Length)
            {
                Fail(file, 0, 1, "empty file: no Kubernetes objects");
                return;
            }

            if (text[start] is '{' or '[')
            {
                ReadJson(text, file);
            }
            else
            {
                foreach (var chunk in DocumentSplitter.Split(text))
                {
                    ReadYamlChunk(chunk, file);
                }
            }

            if (_fileDocuments == 0)
            {
                Fail(file, 0, 1, "no Kubernetes objects (only comments or empty documents)");
            }
        }

        private void ReadJson(string text, string file)
        {
            try
            {
                foreach (var (root, mark, index) in JsonDocumentReader.Read(text, options))
                {
                    AddRoot(root, mark, index, file, NextIndex());
                }
            }
            catch (ManifestFormatException ex)
            {
                Fail(file, NextIndex(), ex.Line, ex.Message, ex.Column);
            }
        }

        private void ReadYamlChunk(DocumentSplitter.Chunk chunk, string file)
        {
            if (chunk.Text.Length > options.MaxDocumentBytes)
            {
                Fail(file, NextIndex(), chunk.FirstLine + 1, $"document is over the limit of {options.MaxDocumentBytes} bytes; refused");
                return;
            }

            try
            {
                foreach (var (root, mark, index) in YamlDocumentReader.Read(chunk.Text, chunk.FirstLine, options))
                {
                    AddRoot(root, mark, index, file, NextIndex());
                }
            }
            catch (ManifestFormatException ex)
            {
                Fail(file, NextIndex(), ex.Line, ex.Message, ex.Column);
            }
        }

        private void AddRoot(JsonNode? root, SourceMark mark, PositionIndex index, string file, int documentIndex)
        {
            if (NotAnObject(root) is { } problem)
            {
                Fail(file, documentIndex, mark.Line, "not a Kubernetes object: " + problem, mark.Column);
                return;
            }

            var obj = (JsonObject)root!;
            var kind = (string)obj["kind"]!;
            if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var itemMark = index.ItemMark(items, i) ?? mark;
                    if (NotAnObject(items[i]) is { } itemProblem)
                    {
                        Fail(file, documentIndex, itemMark.Line, $"items[{i.ToString(CultureInfo.InvariantCulture)}] of the {kind} is not a Kubernetes object: {itemProblem}", itemMark.Column);
                        continue;
                    }

                    AddObject((JsonObject)items[i]!, itemMark, index, file, documentIndex, FieldPath.Index("items", i));
                }

                return;
            }

            AddObject(obj, mark, index, file, documentIndex, null);
        }

        private void AddObject(JsonObject obj, SourceMark mark, PositionIndex index, string file, int documentIndex, string? itemPath)
        {
            var apiVersion = (string)obj["apiVersion"]!;
            var kind = (string)obj["kind"]!;
            var location = new SourceLocation(file, documentIndex, mark.Line, mark.Column);
            object? model = null;
            Policy.Workloads.PodTemplate? template;
            try
            {
                model = KnownKinds.Deserialize(apiVersion, kind, obj);
                template = ManifestDocument.PodTemplateOf(apiVersion, kind, obj, model);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException)
            {
                var prefix = model is null && KnownKinds.EmbeddedTemplatePath(apiVersion, kind) is { } embedded ? embedded : string.Empty;
                var (path, message) = TypeError.Describe(ex, obj, prefix);
                var at = path is null ? new FieldPosition(mark.Line, mark.Column, string.Empty, false)
                    : index.Locate(obj, mark, FieldPath.TryParse(path, out var segments) ? segments : []);
                Fail(file, documentIndex, at.Line, $"{kind} {Describe(obj)}: {message}", at.Column);
                return;
            }

            _documents.Add(new ManifestDocument(location, obj, mark, index, itemPath, model, template));
        }

        private static string? NotAnObject(JsonNode? node)
        {
            if (node is not JsonObject obj)
            {
                return node switch
                {
                    null => "the document is null",
                    JsonArray => "found a list where a mapping with apiVersion and kind was expected",
                    _ => "found a single value where a mapping with apiVersion and kind was expected",
                };
            }

            var apiVersion = obj["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var av) && av.Length > 0;
            var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var kv) && kv.Length > 0;
            return (apiVersion, kind) switch
            {
                (true, true) => null,
                (false, false) => "apiVersion and kind are missing",
                (false, _) => "apiVersion is missing or not a string",
                _ => "kind is missing or not a string",
            };
        }

        private static string Describe(JsonObject obj) =>
            obj["metadata"]?["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? GoQuote(text) : "(unnamed)";

        private static string GoQuote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        private void Fail(string file, int documentIndex, int line, string message, int column = 1) =>
            _invalid.Add(new InvalidDocument(new SourceLocation(file, documentIndex, Math.Max(1, line), Math.Max(1, column)), message));

        private static string? Decode(byte[] bytes, out string text)
        {
            text = string.Empty;
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
                text = encoding.GetString(bytes, 2, bytes.Length - 2);
                return null;
            }

            var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            if (Array.IndexOf(bytes, (byte)0, offset) >= 0)
            {
                return "binary file (contains NUL bytes), not YAML or JSON";
            }

            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, offset, bytes.Length - offset);
                return null;
            }
            catch (DecoderFallbackException ex)
            {
                return $"not UTF-8 text (invalid byte at offset {ex.Index + offset}); a binary file?";
            }
        }
    }
}
