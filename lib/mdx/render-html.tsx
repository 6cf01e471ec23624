/**
 * Turns contentlayer's compiled MDX into static HTML. It runs inside `contentlayer2 build`,
 * once per post, so highlighting and rendering are never repeated by pages, feeds or search.
 */
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import { renderToStaticMarkup } from 'react-dom/server'
import * as jsxRuntime from 'react/jsx-runtime'
import { mdxComponents } from './components'

type MdxModule = { default: React.ComponentType<{ components?: typeof mdxComponents }> }

/** Evaluates mdx-bundler output (a function body) and renders it to an HTML string. */
export function renderMdxToHtml(bundledCode: string): string {
  // mdx-bundler's output expects these three names in scope, exactly as its own getMDXComponent provides them.
  const evaluate = new Function('React', 'ReactDOM', '_jsx_runtime', bundledCode) as (
    react: typeof React,
    reactDom: typeof ReactDOM,
    runtime: typeof jsxRuntime,
  ) => MdxModule
  const { default: Content } = evaluate(React, ReactDOM, jsxRuntime)
  return renderToStaticMarkup(<Content components={mdxComponents} />)
}
