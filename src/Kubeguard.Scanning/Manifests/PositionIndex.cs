using System.Text.Json.Nodes;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Source positions of the members and items of every object and array read from one YAML
/// document, keyed by node identity, so any field path resolves to a line lazily.
/// </summary>
internal sealed class PositionIndex
{
    private readonly Dictionary<JsonNode, Dictionary<string, SourceMark>> _members = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, List<SourceMark>> _items = new(ReferenceEqualityComparer.Instance);

    public void AddMember(JsonObject parent, string key, SourceMark mark)
    {
        if (!_members.TryGetValue(parent, out var marks))
        {
            marks = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
            _members[parent] = marks;
        }

        marks[key] = mark;
    }

    public void AddItem(JsonArray parent, SourceMark mark)
    {
        if (!_items.TryGetValue(parent, out var marks))
        {
            marks = [];
            _items[parent] = marks;
        }

        marks.Add(mark);
    }

    public SourceMark? ItemMark(JsonArray parent, int index) =>
        _items.TryGetValue(parent, out var marks) && index < marks.Count ? marks[index] : null;

    /// <summary>Resolves <paramref name="segments"/> from <paramref name="root"/> as far as they exist.</summary>
    public FieldPosition Locate(JsonNode? root, SourceMark rootMark, IReadOnlyList<object> segments)
    {
        var current = root;
        var mark = rootMark;
        var resolved = new List<object>();
        foreach (var segment in segments)
        {
            SourceMark? next = null;
            JsonNode? child = null;
            if (segment is string key && current is JsonObject obj && obj.TryGetPropertyValue(key, out child)
                && _members.TryGetValue(obj, out var members) && members.TryGetValue(key, out var m))
            {
                next = m;
            }
            else if (segment is int index && current is JsonArray array && index >= 0 && index < array.Count)
            {
                child = array[index];
                next = ItemMark(array, index);
            }

            if (next is null)
            {
                return new FieldPosition(mark.Line, mark.Column, FieldPath.Format(resolved), Exact: false);
            }

            mark = next.Value;
            current = child;
            resolved.Add(segment);
        }

        return new FieldPosition(mark.Line, mark.Column, FieldPath.Format(resolved), Exact: true);
    }
}
