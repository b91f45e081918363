using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class ManifestLoaderTests
{
    private static readonly ManifestLoader Loader = new();

    [Fact]
    public void Multi_document_yaml_yields_each_object_with_its_index_and_first_line()
    {
        var set = Loader.LoadText("""
            # leading comment
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: one
            ---
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: two
              namespace: shop
            """, "bundle.yaml");
        Assert.Empty(set.Invalid);
        Assert.Equal(2, set.DocumentCount);
        Assert.Collection(
            set.Documents,
            d => Assert.Equal(("ConfigMap", "one", 0, 2), (d.Kind, d.Name!, d.Location.DocumentIndex, d.Location.Line)),
            d => Assert.Equal(("Service", "two", "shop", 1, 10), (d.Kind, d.Name!, d.Namespace!, d.Location.DocumentIndex, d.Location.Line)));
    }

    [Fact]
    public void A_broken_document_is_reported_with_file_and_line_and_the_others_are_still_read()
    {
        var set = Loader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: before
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
              labels: [unclosed
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: after
            """, "pods.yaml");
        Assert.Equal(["before", "after"], set.Documents.Select(d => d.Name));
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal("pods.yaml", invalid.Location.File);
        Assert.Equal(1, invalid.Location.DocumentIndex);
        Assert.InRange(invalid.Location.Line, 10, 11);
        Assert.Equal(3, set.DocumentCount);
    }

    [Fact]
    public void Broken_files_do_not_stop_other_files()
    {
        using var folder = new TempFolder();
        folder.Write("a.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n");
        folder.Write("b.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [b\n");
        folder.Write("c.yml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n");
        var set = Loader.Load([folder.Root]);
        Assert.Equal(["a", "c"], set.Documents.Select(d => d.Name));
        var invalid = Assert.Single(set.Invalid);
        Assert.EndsWith("b.yaml", invalid.Location.File, StringComparison.Ordinal);
        Assert.Equal(0, invalid.Location.DocumentIndex);
        Assert.All(set.Documents, d => Assert.Equal(0, d.Location.DocumentIndex));
        Assert.Equal(3, set.Files.Length);
    }

    [Fact]
    public void Folders_are_read_recursively_in_sorted_order_with_only_manifest_extensions_and_no_hidden_entries()
    {
        using var folder = new TempFolder();
        const string Pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n";
        folder.Write("z.yaml", Pod);
        folder.Write("a/b.yml", Pod);
        folder.Write("a/c.json", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"}}""");
        folder.Write("notes.txt", "not read");
        folder.Write(".git/config.yaml", "not: read");
        var files = Loader.ExpandPaths([folder.Root]);
        Assert.Equal(["a/b.yml", "a/c.json", "z.yaml"], files.Select(f => Path.GetRelativePath(folder.Root, f).Replace('\\', '/')));
        Assert.All(files, f => Assert.StartsWith(folder.Root, f, StringComparison.Ordinal));
    }

    [Fact]
    public void Loading_writes_nothing_next_to_the_inputs()
    {
        using var folder = new TempFolder();
        folder.Write("ok.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
        folder.Write("bad.yaml", "a: [");
        var before = folder.Listing();
        Loader.Load([folder.Root]);
        Assert.Equal(before, folder.Listing());
    }

    [Fact]
    public void Standard_input_is_read_for_a_dash()
    {
        var set = Loader.Load(["-"], new StringReader("apiVersion: v1\nkind: Pod\nmetadata:\n  name: piped\n"));
        var doc = Assert.Single(set.Documents);
        Assert.Equal(("piped", "<stdin>"), (doc.Name!, doc.Location.File));
    }

    [Fact]
    public void Missing_paths_are_named()
    {
        using var folder = new TempFolder();
        var existing = folder.Write("ok.yaml", "a: b");
        Assert.Equal(["nope.yaml"], ManifestLoader.MissingPaths([existing, "-", folder.Root, "nope.yaml"]));
    }

    [Fact]
    public void Json_files_with_tabs_and_json_streams_are_read_with_lines()
    {
        var set = Loader.LoadText("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"one\"},\n\t\"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"i\"}]}\n}\n{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"two\"}}\n", "pods.json");
        Assert.Empty(set.Invalid);
        Assert.Equal(["one", "two"], set.Documents.Select(d => d.Name));
        Assert.Equal(5, set.Documents[0].LineOf("spec.containers[0].image"));
        Assert.Equal(7, set.Documents[1].Location.Line);
    }

    [Fact]
    public void Broken_json_reports_its_line()
    {
        var set = Loader.LoadText("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n  \"metadata\": {}\n}", "bad.json");
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal(4, invalid.Location.Line);
        Assert.StartsWith("invalid JSON", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_kinds_yield_their_items_with_item_lines()
    {
        var set = Loader.LoadText("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: first
            - apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: second
              spec:
                template:
                  spec:
                    containers:
                    - name: app
                      image: nginx
            - just a string
            """, "list.yaml");
        Assert.Equal(["first", "second"], set.Documents.Select(d => d.Name));
        Assert.Equal([4, 8], set.Documents.Select(d => d.Location.Line));
        Assert.Equal("items[1]", set.Documents[1].ListItemPath);
        Assert.Equal(16, set.Documents[1].LineOf("spec.template.spec.containers[0]"));
        Assert.True(set.Documents[1].IsPodBearing);
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal(18, invalid.Location.Line);
        Assert.Contains("items[2]", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(1, set.DocumentCount);
    }

    [Fact]
    public void Typed_lists_such_as_configmaplist_are_expanded()
    {
        var set = Loader.LoadText("apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n", "cms.yaml");
        Assert.Equal(["a", "b"], set.Documents.Select(d => d.Name));
        Assert.All(set.Documents, d => Assert.IsType<k8s.Models.V1ConfigMap>(d.Model));
    }

    [Fact]
    public void Tabs_used_for_indentation_are_reported_as_such()
    {
        var set = Loader.LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tabbed\n", "tabs.yaml");
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal(4, invalid.Location.Line);
        Assert.Contains("tab", invalid.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Duplicate_keys_are_errors_at_the_second_key()
    {
        var set = Loader.LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n", "dup.yaml");
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal((5, 3), (invalid.Location.Line, invalid.Location.Column));
        Assert.Contains("duplicate key \"name\"", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_expanded()
    {
        var set = Loader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: anchored
              labels: &labels
                app: web
                tier: front
              annotations:
                <<: *labels
                tier: overridden
            spec:
              containers:
              - &c
                name: one
                image: nginx
              - name: two
                image: nginx
            """, "anchors.yaml");
        Assert.Empty(set.Invalid);
        var pod = Assert.IsType<k8s.Models.V1Pod>(Assert.Single(set.Documents).Model);
        Assert.Equal("web", pod.Metadata.Annotations["app"]);
        Assert.Equal("overridden", pod.Metadata.Annotations["tier"]);
    }

    [Fact]
    public void An_alias_bomb_is_refused_quickly()
    {
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var i = 1; i < 12; i++)
        {
            bomb += $"a{i}: &a{i} [*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1}]\n";
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var set = Loader.LoadText(bomb, "bomb.yaml");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var invalid = Assert.Single(set.Invalid);
        Assert.Contains("alias", invalid.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Documents_over_the_size_limit_are_refused_unparsed()
    {
        var loader = new ManifestLoader(new ManifestLoaderOptions { MaxDocumentBytes = 100 });
        var set = loader.LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: small\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: \"" + new string('x', 200) + "\"\n", "big.yaml");
        Assert.Equal("small", Assert.Single(set.Documents).Name);
        var invalid = Assert.Single(set.Invalid);
        Assert.Contains("over the limit", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(5, invalid.Location.Line);
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused_unread()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
        var set = new ManifestLoader(new ManifestLoaderOptions { MaxFileBytes = 10 }).Load([path]);
        Assert.Contains("over the limit", Assert.Single(set.Invalid).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_name_the_field_and_its_line()
    {
        var set = Loader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: typed
            spec:
              containers:
              - name: app
                image: nginx
                securityContext:
                  privileged: "yes"
            """, "types.yaml");
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal(10, invalid.Location.Line);
        Assert.Equal(
            "Pod \"typed\": field spec.containers[0].securityContext.privileged has the wrong type: found the string \"yes\" where a boolean is expected",
            invalid.Message);
    }

    [Fact]
    public void Huge_integers_are_an_error_on_their_field_not_a_crash()
    {
        var set = Loader.LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  securityContext:\n    runAsUser: 123456789012345678901234567890\n  containers:\n  - name: a\n    image: b\n", "huge.yaml");
        var invalid = Assert.Single(set.Invalid);
        Assert.Equal(7, invalid.Location.Line);
        Assert.Contains("spec.securityContext.runAsUser", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalars_follow_kubernetes_yaml_rules()
    {
        var set = Loader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: scalars
            spec:
              hostNetwork: yes
              containers:
              - name: app
                image: nginx
                env:
                - name: PORT
                  value: 8080
              volumes:
              - name: cfg
                configMap:
                  name: cfg
                  defaultMode: 0644
            """, "scalars.yaml");
        var pod = Assert.IsType<k8s.Models.V1Pod>(Assert.Single(set.Documents).Model);
        Assert.True(pod.Spec.HostNetwork);
        Assert.Equal("8080", pod.Spec.Containers[0].Env[0].Value);
        Assert.Equal(420, pod.Spec.Volumes[0].ConfigMap.DefaultMode);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("   \n\n", "empty file")]
    [InlineData("# nothing\n---\n# here\n", "no Kubernetes objects")]
    [InlineData("just a string\n", "not a Kubernetes object")]
    [InlineData("- a\n- b\n", "not a Kubernetes object")]
    [InlineData("kind: Pod\nmetadata: {name: x}\n", "apiVersion is missing")]
    [InlineData("apiVersion: v1\nmetadata: {name: x}\n", "kind is missing")]
    [InlineData("a: b\n", "apiVersion and kind are missing")]
    public void Content_that_is_not_an_object_gets_a_clear_message(string text, string message)
    {
        var set = Loader.LoadText(text, "x.yaml");
        Assert.Empty(set.Documents);
        Assert.Contains(message, Assert.Single(set.Invalid).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_files_are_refused()
    {
        using var folder = new TempFolder();
        var path = folder.WriteBytes("image.yaml", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        Assert.Contains("binary", Assert.Single(new ManifestLoader().Load([path]).Invalid).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.WriteBytes("latin1.yaml", [(byte)'a', (byte)':', (byte)' ', 0xE9, 0xFF, (byte)'\n']);
        Assert.Contains("not UTF-8", Assert.Single(new ManifestLoader().Load([path]).Invalid).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kinds_and_custom_resources_are_kept_without_error()
    {
        var set = Loader.LoadText("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n---\napiVersion: example.com/v1\nkind: Deployment\nmetadata:\n  name: not-apps\n", "crd.yaml");
        Assert.Empty(set.Invalid);
        Assert.All(set.Documents, d => Assert.Null(d.Model));
        Assert.All(set.Documents, d => Assert.False(d.IsPodBearing));
    }

    [Fact]
    public void A_missing_file_named_explicitly_is_an_input_error()
    {
        var set = Loader.Load(["does-not-exist.yaml"]);
        Assert.Equal("no such file or directory", Assert.Single(set.Invalid).Message);
    }

    [Fact]
    public void A_document_index_counts_non_empty_documents_only()
    {
        var set = Loader.LoadText("---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n...\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n", "x.yaml");
        Assert.Equal([0, 1], set.Documents.Select(d => d.Location.DocumentIndex));
        Assert.Equal([3, 8], set.Documents.Select(d => d.Location.Line));
    }

    [Fact]
    public void Yaml_directives_stay_with_their_document()
    {
        var set = Loader.LoadText("%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n", "x.yaml");
        Assert.Empty(set.Invalid);
        Assert.Equal(3, Assert.Single(set.Documents).Location.Line);
    }

    [Fact]
    public void Thousands_of_documents_in_one_file_keep_their_indices_and_lines()
    {
        var text = string.Concat(Enumerable.Range(0, 2000).Select(i => $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n"));
        var set = Loader.LoadText(text, "many.yaml");
        Assert.Equal(2000, set.Documents.Length);
        Assert.Equal((1999, 9997), (set.Documents[^1].Location.DocumentIndex, set.Documents[^1].Location.Line));
    }
}
