#!/usr/bin/env python3
"""Generates the benchmark workload as real OSGi bundles: for each plugin p<i> an extension point library
(bench.p<i>.api, exporting Greetings 1.0.0), a plugin bundle (a DS component providing BackendPlugin, serving
GET /api/p<i>/hello as JSON through Jackson, open to anyone) and a module bundle (a DS component providing
BackendModule that adds a greeting through the extension point).

    bench/generate.py [--rest] <N> <out-dir>

With --rest each plugin serves its route as a Jakarta REST resource (useResources) instead of a servlet.

The bundles are compiled with javac against the API and libraries in the local Maven repository (so run
`mvn install` first) and written with a plain MANIFEST.MF and a DS component XML each, no bnd: 3N jars.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

M2 = os.path.expanduser("~/.m2/repository")


def m2(group, artifact, version):
    return os.path.join(M2, *group.split("."), artifact, version, f"{artifact}-{version}.jar")


def versions():
    """The versions the build pins, read from the root pom (no Maven call: a plain property lookup)."""
    import xml.etree.ElementTree as ET
    root = ET.parse(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pom.xml")).getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = {p.tag.split("}")[1]: p.text for p in root.find("m:properties", ns)}
    props["project.version"] = root.find("m:version", ns).text
    return props


def classpath(v):
    return os.pathsep.join([
        m2("dev.backline", "dev.backline.plugin.api", v["project.version"]),
        m2("jakarta.servlet", "jakarta.servlet-api", v["jakarta.servlet.version"]),
        m2("com.fasterxml.jackson.core", "jackson-databind", v["jackson.version"]),
        m2("com.fasterxml.jackson.core", "jackson-core", v["jackson.version"]),
        m2("jakarta.ws.rs", "jakarta.ws.rs-api", v["jakarta.ws.rs.version"]),
    ])


API = """package bench.p{i}.api;

import dev.backline.plugin.api.ExtensionPoint;

public interface Greetings {{
    ExtensionPoint<Greetings> REF = ExtensionPoint.create("p{i}.greetings", Greetings.class);

    void add(String greeting);
}}
"""

PLUGIN = """package bench.p{i}.plugin;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import bench.p{i}.api.Greetings;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;

public final class Plugin{i} implements BackendPlugin {{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String pluginId() {{
        return "p{i}";
    }}

    @Override
    public void register(Registrar env) {{
        ExtensionPointRegistrations<String> greetings = env.newRegistrations(Greetings.REF);
        env.registerExtensionPoint(Greetings.REF, greetings::add);
        env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {{
            deps.get(CoreServices.HTTP_ROUTER).use("/hello", new HttpServlet() {{
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {{
                    resp.setContentType("application/json");
                    JSON.writeValue(resp.getOutputStream(), Map.of("plugin", "p{i}", "greetings", greetings.items()));
                }}
            }});
            deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/hello", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        }});
    }}
}}
"""

MODULE = """package bench.p{i}.module;

import java.util.List;

import bench.p{i}.api.Greetings;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.Registrar;

public final class Module{i} implements BackendModule {{
    @Override
    public String pluginId() {{
        return "p{i}";
    }}

    @Override
    public String moduleId() {{
        return "greeter";
    }}

    @Override
    public void register(Registrar env) {{
        env.registerInit(List.of(Greetings.REF), deps -> deps.get(Greetings.REF).add("hello from p{i}"));
    }}
}}
"""

REST_PLUGIN = """package bench.p{i}.plugin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import bench.p{i}.api.Greetings;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;

public final class Plugin{i} implements BackendPlugin {{
    @Path("/hello")
    @Produces("application/json")
    public static final class Hello {{
        private final ExtensionPointRegistrations<String> greetings;

        Hello(ExtensionPointRegistrations<String> greetings) {{
            this.greetings = greetings;
        }}

        @GET
        public Map<String, Object> hello() {{
            return Map.of("plugin", "p{i}", "greetings", greetings.items());
        }}
    }}

    @Override
    public String pluginId() {{
        return "p{i}";
    }}

    @Override
    public void register(Registrar env) {{
        ExtensionPointRegistrations<String> greetings = env.newRegistrations(Greetings.REF);
        env.registerExtensionPoint(Greetings.REF, greetings::add);
        env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {{
            deps.get(CoreServices.HTTP_ROUTER).useResources(new Hello(greetings));
            deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/hello", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        }});
    }}
}}
"""

COMPONENT = """<?xml version="1.0" encoding="UTF-8"?>
<scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="{cls}">
  <implementation class="{cls}"/>
  <service><provide interface="{service}"/></service>
{properties}</scr:component>
"""


def manifest(bsn, imports, exports=None, component=None):
    lines = ["Manifest-Version: 1.0", "Bundle-ManifestVersion: 2", f"Bundle-SymbolicName: {bsn}",
             "Bundle-Version: 1.0.0", "Import-Package: " + ",".join(imports)]
    if exports:
        lines.append("Export-Package: " + exports)
    if component:
        lines.append("Service-Component: " + component)
    # Manifest lines are at most 72 bytes: continue longer ones with a leading space.
    out = []
    for line in lines:
        data = line
        out.append(data[:70])
        data = data[70:]
        while data:
            out.append(" " + data[:69])
            data = data[69:]
    return "\r\n".join(out) + "\r\n\r\n"


def jar(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/MANIFEST.MF", files.pop("META-INF/MANIFEST.MF"))
        for name, data in files.items():
            z.writestr(name, data)


def main():
    args = sys.argv[1:]
    rest = args[:1] == ["--rest"]
    args = args[1:] if rest else args
    if len(args) != 2:
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    plugin_template = REST_PLUGIN if rest else PLUGIN
    v = versions()
    api = '"[1.1,2)"'
    services = '"[1.3,2)"'
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        src, classes = os.path.join(work, "src"), os.path.join(work, "classes")
        sources = []
        for i in range(n):
            for kind, template, name in (("api", API, "Greetings"), ("plugin", plugin_template, f"Plugin{i}"), ("module", MODULE, f"Module{i}")):
                d = os.path.join(src, "bench", f"p{i}", kind)
                os.makedirs(d, exist_ok=True)
                f = os.path.join(d, name + ".java")
                with open(f, "w") as fh:
                    fh.write(template.format(i=i))
                sources.append(f)
        argfile = os.path.join(work, "sources.txt")
        with open(argfile, "w") as fh:
            fh.write("\n".join(sources))
        subprocess.run(["javac", "--release", "17", "-nowarn", "-cp", classpath(v), "-d", classes, "@" + argfile], check=True)

        def classes_of(package_dir):
            root = os.path.join(classes, package_dir)
            found = {}
            for name in os.listdir(root):
                with open(os.path.join(root, name), "rb") as fh:
                    found[package_dir + "/" + name] = fh.read()
            return found

        for i in range(n):
            lib = classes_of(f"bench/p{i}/api")
            lib["META-INF/MANIFEST.MF"] = manifest(f"bench.p{i}.api", [f"dev.backline.plugin.api;version={api}"],
                                                   exports=f'bench.p{i}.api;version="1.0.0"')
            jar(os.path.join(out, f"p{i}-api.jar"), lib)
            cls = f"bench.p{i}.plugin.Plugin{i}"
            plugin = classes_of(f"bench/p{i}/plugin")
            plugin[f"OSGI-INF/{cls}.xml"] = COMPONENT.format(cls=cls, service="dev.backline.plugin.api.BackendPlugin",
                                                            properties=f'  <property name="backline.plugin.id" value="p{i}"/>\n')
            plugin["META-INF/MANIFEST.MF"] = manifest(f"bench.p{i}.plugin", [
                f'bench.p{i}.api;version="[1.0,2)"', f"dev.backline.plugin.api;version={api}",
                f"dev.backline.plugin.api.services;version={services}"] + (
                ['jakarta.ws.rs;version="[3.1,4)"'] if rest else
                ['jakarta.servlet;version="[6.0,7)"', 'jakarta.servlet.http;version="[6.0,7)"',
                 'com.fasterxml.jackson.databind;version="[2.20,3)"']),
                component=f"OSGI-INF/{cls}.xml")
            jar(os.path.join(out, f"p{i}-plugin.jar"), plugin)
            cls = f"bench.p{i}.module.Module{i}"
            module = classes_of(f"bench/p{i}/module")
            module[f"OSGI-INF/{cls}.xml"] = COMPONENT.format(cls=cls, service="dev.backline.plugin.api.BackendModule",
                                                            properties=f'  <property name="backline.plugin.id" value="p{i}"/>\n'
                                                                       f'  <property name="backline.module.id" value="greeter"/>\n')
            module["META-INF/MANIFEST.MF"] = manifest(f"bench.p{i}.module", [
                f'bench.p{i}.api;version="[1.0,2)"', f"dev.backline.plugin.api;version={api}"],
                component=f"OSGI-INF/{cls}.xml")
            jar(os.path.join(out, f"p{i}-module.jar"), module)
    print(f"{3 * n} bundles for {n} plugins in {out}")


if __name__ == "__main__":
    main()
