<?xml version="1.0" encoding="utf-8"?>
<!--
  Shows an RSS or Atom feed of the blog as a readable page when someone opens it in a browser.
  Feed readers ignore the stylesheet and read the same XML as before.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="/feed.css"/>
      </head>
      <body>
        <header>
          <p><strong>This is a web feed</strong>, also known as an RSS or Atom feed.</p>
          <h1><xsl:value-of select="$title"/></h1>
        </header>
        <main>
          <section class="about">
            <p>Subscribe by copying this address into your feed reader; it will fetch new posts for you:</p>
            <code id="feed-url"><xsl:value-of select="$self"/></code>
            <p>Or go to <a href="{$home}">the web page of this feed</a>.</p>
          </section>
          <h2>Recent items</h2>
          <ol class="items">
            <xsl:for-each select="/rss/channel/item">
              <li>
                <a href="{link}"><xsl:value-of select="title"/></a>
                <time><xsl:value-of select="substring(pubDate, 6, 11)"/></time>
              </li>
            </xsl:for-each>
            <xsl:for-each select="/atom:feed/atom:entry">
              <li>
                <!-- Atom titles are type="html": unescape them once. -->
                <a href="{atom:link/@href}"><xsl:value-of select="atom:title" disable-output-escaping="yes"/></a>
                <time><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
