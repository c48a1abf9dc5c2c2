"use client";

import { Component } from "react";
import { WidgetError } from "@/components/ui/widget-error";

/** `resetKey`: when it changes (new data arrived), a failed widget tries to draw again by itself. */
type Props = { title: string; resetKey?: unknown; children: React.ReactNode };
type State = { error: unknown; failed: boolean };

/**
 * Keeps a widget's own render failure inside its card: an answer the widget cannot draw shows
 * "could not load this widget" (unknown, never healthy) and the rest of the page keeps working,
 * where without it the route's error page would replace every widget at once.
 */
export class WidgetBoundary extends Component<Props, State> {
  state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  // The data the widget failed on: only other data is worth another try.
  private failedOn: unknown = undefined;

  componentDidUpdate(): void {
    if (this.state.failed && this.props.resetKey !== this.failedOn) this.setState({ error: null, failed: false });
  }

  componentDidCatch(error: unknown): void {
    this.failedOn = this.props.resetKey;
    console.error(`widget "${this.props.title}" failed to render:`, error);
  }

  render(): React.ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <WidgetError
        title={this.props.title}
        error={this.state.error}
        onRetry={() => this.setState({ error: null, failed: false })}
      />
    );
  }
}
