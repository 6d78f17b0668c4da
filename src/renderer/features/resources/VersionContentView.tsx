import { useEffect, useState } from 'react';
import type { ResourceContent } from '../../../shared/contract/resources';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { client } from '../../platform/services';
import { editorFontSizeStore } from '../editor';
import { monacoLanguageOf } from '../../ui/language-of';
import { ReadOnlyCode } from '../../ui/monaco/ReadOnlyCode';
import { downloadVersion, openResource } from './resources-store';

/** A version's content as read from git at its commit (sha256 checked by the service), read-only. */
export function VersionContentView({ name, version }: { name: string; version: string }) {
  const [content, setContent] = useState<ResourceContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fontSize = useStore(editorFontSizeStore, (s) => s);

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
      {content?.encoding === 'utf-8' && (
        <ReadOnlyCode
          text={content.text}
          language={monacoLanguageOf(content.fileName)}
          fontSize={fontSize}
          className="version-content-editor"
        />
      )}
    </div>
  );
}
