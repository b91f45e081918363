using System.Globalization;
using System.Text;

namespace Kubeguard.Fix;

/// <summary>
/// Unified diffs that <c>git apply</c> accepts: <c>diff --git</c> headers, 3 lines of context,
/// line endings kept inside the lines (CRLF survives), and the no-newline marker where needed.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string before, string after, string path)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var script = Diff(a, b);
        if (script.All(s => s.Kind == ' '))
        {
            return string.Empty;
        }

        var name = path.Replace('\\', '/');
        var sb = new StringBuilder();
        sb.Append("diff --git a/").Append(name).Append(" b/").Append(name).Append('\n');
        sb.Append("--- a/").Append(name).Append('\n');
        sb.Append("+++ b/").Append(name).Append('\n');
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            var lastChange = i;
            while (end < script.Count)
            {
                if (script[end].Kind != ' ')
                {
                    lastChange = end;
                }
                else if (end - lastChange > Context * 2)
                {
                    break;
                }

                end++;
            }

            end = Math.Min(script.Count, lastChange + Context + 1);
            WriteHunk(sb, script, start, end);
            i = end;
        }

        return sb.ToString();
    }

    private static void WriteHunk(StringBuilder sb, List<(char Kind, string Line, int OldIndex, int NewIndex)> script, int start, int end)
    {
        var oldStart = script[start].OldIndex;
        var newStart = script[start].NewIndex;
        var oldCount = script.Skip(start).Take(end - start).Count(s => s.Kind != '+');
        var newCount = script.Skip(start).Take(end - start).Count(s => s.Kind != '-');
        sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        for (var k = start; k < end; k++)
        {
            var (kind, line, _, _) = script[k];
            sb.Append(kind).Append(line);
            if (!line.EndsWith('\n'))
            {
                sb.Append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static string Range(int start, int count) =>
        count == 0 ? $"{start.ToString(CultureInfo.InvariantCulture)},0"
        : $"{(start + 1).ToString(CultureInfo.InvariantCulture)},{count.ToString(CultureInfo.InvariantCulture)}";

    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Myers' O((N+M)D) diff; each entry keeps its old and new line index.</summary>
    private static List<(char Kind, string Line, int OldIndex, int NewIndex)> Diff(List<string> a, List<string> b)
    {
        var n = a.Count;
        var m = b.Count;
        var max = n + m;
        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                int x;
                if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1]))
                {
                    x = v[max + k + 1];
                }
                else
                {
                    x = v[max + k - 1] + 1;
                }

                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[max + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        var script = new List<(char, string, int, int)>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var vd = trace[d];
            var k = cx - cy;
            int prevK;
            if (k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1]))
            {
                prevK = k + 1;
            }
            else
            {
                prevK = k - 1;
            }

            var prevX = vd[max + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                script.Add((' ', a[cx], cx, cy));
            }

            if (d > 0)
            {
                if (cx == prevX)
                {
                    cy--;
                    script.Add(('+', b[cy], cx, cy));
                }
                else
                {
                    cx--;
                    script.Add(('-', a[cx], cx, cy));
                }
            }
        }

        script.Reverse();
        return script;
    }
}
