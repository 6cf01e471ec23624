// The search box: progressive enhancement of /search/, which without JavaScript links to the tag and date
// listings. It builds the form, queries pagefind's index (built from the published posts at build time,
// loaded only when someone types) and lists the results. No framework; the page's CSP allows this file.
;(() => {
  const MAX_RESULTS = 20
  const root = document.getElementById('search')
  if (!root) return
  let pagefind

  const form = document.createElement('form')
  form.setAttribute('role', 'search')
  form.action = '/search/'
  form.addEventListener('submit', (event) => event.preventDefault())
  const label = document.createElement('label')
  label.htmlFor = 'search-input'
  label.textContent = 'Search the posts'
  const input = document.createElement('input')
  Object.assign(input, { id: 'search-input', type: 'search', name: 'q', autocomplete: 'off' })
  form.append(label, input)
  const status = document.createElement('p')
  status.setAttribute('role', 'status')
  status.className = 'search-status'
  const list = document.createElement('ol')
  list.className = 'search-results'
  root.replaceChildren(form, status, list)

  /** One result: its title links to the post; pagefind's excerpt is our own text, HTML-escaped, with <mark> around matches. */
  const renderResult = (data) => {
    const item = document.createElement('li')
    const article = document.createElement('article')
    const heading = document.createElement('h2')
    const link = document.createElement('a')
    link.href = data.url
    link.textContent = data.meta.title || data.url
    heading.append(link)
    const date = document.createElement('p')
    date.className = 'post-meta'
    date.textContent = data.meta.date || ''
    const excerpt = document.createElement('p')
    excerpt.innerHTML = data.excerpt
    article.append(heading, date, excerpt)
    item.append(article)
    return item
  }

  let latest = 0
  const search = async (query) => {
    const ticket = ++latest
    const text = query.trim()
    if (!text) {
      status.textContent = ''
      list.replaceChildren()
      return
    }
    pagefind ??= import('/pagefind/pagefind.js')
    const results = await (await pagefind).search(text)
    const data = await Promise.all(results.results.slice(0, MAX_RESULTS).map((result) => result.data()))
    if (ticket !== latest) return // a newer query has started
    status.textContent = `${data.length} ${data.length === 1 ? 'result' : 'results'}`
    list.replaceChildren(...data.map(renderResult))
  }

  let timer
  input.addEventListener('input', () => {
    const query = input.value
    history.replaceState(null, '', query ? `?q=${encodeURIComponent(query)}` : location.pathname)
    clearTimeout(timer)
    timer = setTimeout(() => search(query), 150)
  })

  const initial = new URLSearchParams(location.search).get('q')
  if (initial) {
    input.value = initial
    search(initial)
  }
})()
