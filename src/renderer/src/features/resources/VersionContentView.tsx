import { useEffect, useRef, useState } from 'react';
import type { ResourceContent } from '../../../../shared/contract/resources';
import { useStore } from '../../app/store';
import { themeStore } from '../../app/theme-store';
import { Codicon } from '../../components/Codicon';
import { client } from '../../platform/services';
import { editorFontSizeStore } from '../editor/editor-settings-store';
import { monacoLanguageOf } from '../editor/language-of';
import { monaco } from '../editor/monaco-setup';
import { monacoThemeOf } from '../editor/monaco-themes';
import { downloadVersion, openResource } from './resources-store';

/** A version's content as read from git at its commit (sha256 checked by the service), read-only. */
export function VersionContentView({ name, version }: { name: string; version: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [content, setContent] = useState<ResourceContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const theme = useStore(themeStore, (s) => s.resolved);

  useEffect(() => {
    let live = true;
    client.resources.readVersion({ name, version }).then(
      (c) => live && setContent(c),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [name, version]);

  useEffect(() => {
    if (!content || content.encoding !== 'utf-8' || !host.current) return;
    const model = monaco.editor.createModel(content.text, monacoLanguageOf(content.fileName));
    const editor = monaco.editor.create(host.current, {
      model,
      readOnly: true,
      theme: monacoThemeOf(themeStore.get().resolved),
      fontSize: editorFontSizeStore.get(),
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
    });
    return () => {
      editor.dispose();
      model.dispose();
    };
  }, [content]);

  useEffect(() => monaco.editor.setTheme(monacoThemeOf(theme)), [theme]);

  return (
    <div className="version-content" data-testid="resource-content" data-name={name} data-version={version}>
      <div className="version-content-header">
        <Codicon name="tag" />
        <button className="link-button" onClick={() => openResource(name)}>
          {name}
        </button>
        <span className="mono strong">{version}</span>
        {content && (
          <>
            <span className="muted">{content.fileName}</span>
            <span className="muted" data-testid="resource-content-verified" title={content.sha256}>
              <Codicon name="verified" /> sha256 verified
            </span>
          </>
        )}
        <span className="spacer" />
        <button className="button secondary" onClick={() => void downloadVersion(name, version)}>
          <Codicon name="cloud-download" /> Download
        </button>
      </div>
      {error && <div className="form-error version-content-message">{error}</div>}
      {content?.encoding === 'binary' && (
        <div className="version-content-message">
          Binary content ({content.size} bytes): download it to look inside.
        </div>
      )}
      <div ref={host} className="version-content-editor" hidden={!content || content.encoding !== 'utf-8'} />
    </div>
  );
}
