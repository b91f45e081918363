using System.Text.Json.Nodes;

namespace Kubeguard.Fix.Editing;

/// <summary>Reads and changes JSON trees by <see cref="FieldPath"/>: the semantic side of an edit.</summary>
internal static class JsonEdits
{
    public static JsonNode? At(JsonNode? root, FieldPath path)
    {
        var node = root;
        foreach (var segment in path.Segments)
        {
            node = (node, segment) switch
            {
                (JsonObject obj, string key) => obj.TryGetPropertyValue(key, out var child) ? child : null,
                (JsonArray array, int index) => index < array.Count ? array[index] : null,
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static bool Exists(JsonNode? root, FieldPath path)
    {
        if (path.Count == 0)
        {
            return root is not null;
        }

        var parent = At(root, path.Parent!);
        return (parent, path[path.Count - 1]) switch
        {
            (JsonObject obj, string key) => obj.ContainsKey(key),
            (JsonArray array, int index) => index < array.Count,
            _ => false,
        };
    }

    /// <summary>Applies <paramref name="op"/> to <paramref name="root"/> in place.</summary>
    public static void Apply(JsonNode root, EditOp op)
    {
        var parentPath = op.Path.Parent ?? throw new InvalidOperationException("cannot edit the document root");
        var last = op.Path[op.Path.Count - 1];
        switch (op.Kind)
        {
            case EditKind.Set:
            case EditKind.Insert:
            {
                var parent = op.Kind == EditKind.Insert ? Ensure(root, parentPath) : At(root, parentPath);
                switch (parent, last)
                {
                    case (JsonObject obj, string key):
                        obj[key] = op.Value?.DeepClone();
                        break;
                    case (JsonArray array, int index):
                        array[index] = op.Value?.DeepClone();
                        break;
                    default:
                        throw new InvalidOperationException($"no parent for {op.Path}");
                }

                break;
            }

            case EditKind.Append:
                if (At(root, op.Path) is not JsonArray list)
                {
                    throw new InvalidOperationException($"no sequence at {op.Path}");
                }

                list.Add(op.Value?.DeepClone());
                break;
            case EditKind.Remove:
                switch (At(root, parentPath), last)
                {
                    case (JsonObject obj, string key):
                        obj.Remove(key);
                        break;
                    case (JsonArray array, int index):
                        array.RemoveAt(index);
                        break;
                    default:
                        throw new InvalidOperationException($"nothing to remove at {op.Path}");
                }

                break;
            default:
                throw new InvalidOperationException($"unknown edit {op.Kind}");
        }
    }

    /// <summary>Applies a whole plan: inserts, sets and appends first, then removals from the back.</summary>
    public static void ApplyAll(JsonNode root, IEnumerable<EditOp> ops)
    {
        var list = ops.ToList();
        foreach (var op in list.Where(o => o.Kind != EditKind.Remove))
        {
            Apply(root, op);
        }

        foreach (var op in list.Where(o => o.Kind == EditKind.Remove).OrderByDescending(o => o.Path.Count > 0 && o.Path[o.Path.Count - 1] is int i ? i : -1))
        {
            if (Exists(root, op.Path))
            {
                Apply(root, op);
            }
        }
    }

    private static JsonNode Ensure(JsonNode root, FieldPath path)
    {
        var node = root;
        for (var i = 0; i < path.Count; i++)
        {
            var segment = path[i];
            switch (node, segment)
            {
                case (JsonObject obj, string key):
                    if (obj[key] is not JsonNode child)
                    {
                        child = new JsonObject();
                        obj[key] = child;
                    }

                    node = child;
                    break;
                case (JsonArray array, int index) when index < array.Count && array[index] is not null:
                    node = array[index]!;
                    break;
                default:
                    throw new InvalidOperationException($"cannot create {path}");
            }
        }

        return node;
    }

    /// <summary>Compact text of a value for reports: <c>false</c>, <c>"RuntimeDefault"</c>, <c>{"type":"RuntimeDefault"}</c>.</summary>
    public static string Show(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
