import { createRoot } from 'react-dom/client';

function Popup() {
  return (
    <main>
      <h1>Promptvakt</h1>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
